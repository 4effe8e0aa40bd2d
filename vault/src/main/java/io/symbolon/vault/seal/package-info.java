/** Shares at rest: the system key, the share cipher that binds each share to its row, and the sealers that bind the system key to the machine. */
package io.symbolon.vault.seal;
