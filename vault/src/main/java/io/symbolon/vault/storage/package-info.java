/** A node's database behind the narrow {@link io.symbolon.vault.storage.Storage} interface: SQLite or PostgreSQL over JDBC, with Flyway migrations. */
package io.symbolon.vault.storage;
