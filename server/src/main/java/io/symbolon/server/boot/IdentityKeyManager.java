package io.symbolon.server.boot;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the node's one key and certificate in TLS, as server and as client. It offers the key only
 * for the key type the JDK asks about when it is the key's own ({@code EdDSA} for Ed25519), so the
 * handshake negotiates a signature scheme the key can make.
 */
final class IdentityKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "node";

    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    IdentityKeyManager(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    private boolean fits(String keyType) {
        String algorithm = privateKey.getAlgorithm();
        return keyType != null
                && (keyType.equalsIgnoreCase(algorithm)
                        || (keyType.equalsIgnoreCase("EdDSA") && algorithm.equalsIgnoreCase("Ed25519"))
                        || (keyType.equalsIgnoreCase("Ed25519") && algorithm.equalsIgnoreCase("EdDSA")));
    }

    private String[] aliases(String keyType) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    private String choose(String[] keyTypes) {
        if (keyTypes != null) {
            for (String keyType : keyTypes) {
                if (fits(keyType)) {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return aliases(keyType);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return aliases(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? privateKey : null;
    }
}
