/** Share arithmetic, no I/O: XOR and additive scalar shares, public shares, refresh masks. */
package io.symbolon.vault.share;
