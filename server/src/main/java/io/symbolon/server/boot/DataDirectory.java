package io.symbolon.server.boot;

import io.symbolon.vault.seal.SystemKeyFile;
import io.symbolon.vault.storage.StorageConfig;
import java.nio.file.Path;

/**
 * The files of one node, all in one directory (default {@code /var/lib/symbolon}), so that several
 * nodes can share a machine with {@code --data-dir}.
 *
 * <pre>
 * symbolon.conf        the configuration (no secrets)
 * system-key.sealed    the system key, sealed to the machine
 * node.crt             this node's certificate (PEM): pair-channel TLS, REST TLS, archive signatures
 * node.key.sealed      its private key, encrypted under the system key
 * peer.crt             the peer's certificate, approved at boot: the only one the pair channel accepts
 * vault.db             the SQLite database (unless the configuration names PostgreSQL)
 * symbolon.pid         the running server's process id
 * logs/                the background server's log
 * </pre>
 *
 * @param path the directory
 */
public record DataDirectory(Path path) {
    /** Where nodes live unless {@code --data-dir} says otherwise. */
    public static final Path DEFAULT = Path.of("/var/lib/symbolon");

    public DataDirectory {
        path = path.toAbsolutePath().normalize();
    }

    public Path config() {
        return path.resolve(NodeConfig.FILE);
    }

    public Path systemKey() {
        return path.resolve(SystemKeyFile.NAME);
    }

    public Path certificate() {
        return path.resolve("node.crt");
    }

    public Path sealedPrivateKey() {
        return path.resolve("node.key.sealed");
    }

    public Path peerCertificate() {
        return path.resolve("peer.crt");
    }

    public Path sqliteDatabase() {
        return path.resolve(StorageConfig.SQLITE_FILE);
    }

    public Path pidFile() {
        return path.resolve("symbolon.pid");
    }

    public Path logs() {
        return path.resolve("logs");
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
