/** The object model both nodes share: objects, their types, attributes, uids and canonical fingerprints. */
package io.symbolon.vault.object;
