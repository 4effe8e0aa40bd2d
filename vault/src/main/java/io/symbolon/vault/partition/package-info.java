/** Partitions, the namespaces of objects, and their users. */
package io.symbolon.vault.partition;
