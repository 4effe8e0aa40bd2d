/** Password hashing for partition users: Argon2id in PHC strings. */
package io.symbolon.vault.credential;
