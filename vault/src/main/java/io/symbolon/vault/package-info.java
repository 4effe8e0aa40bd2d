/** A node's half of the vault: the {@link io.symbolon.vault.Vault} service the server calls, over storage and sealing. */
package io.symbolon.vault;
