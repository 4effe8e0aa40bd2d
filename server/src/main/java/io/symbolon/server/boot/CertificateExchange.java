package io.symbolon.server.boot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.Json;
import io.symbolon.server.pair.PairTls;
import io.symbolon.vault.node.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate exchange at boot: the Partner listens on its pair port, EP connects; over TLS 1.3
 * where each side proves it holds its key, they introduce themselves (role, ids, hostname), each
 * operator approves the other's fingerprint, and each tells the other its decision. Both must approve.
 *
 * <pre>
 * EP → Partner   {"protocol": "symbolon-boot/1", "role": "EP", "pairId", "nodeId", "hostname"}
 * Partner → EP   {"protocol": "symbolon-boot/1", "role": "PARTNER", "nodeId", "hostname"}
 * both           {"approved": true | false}
 * </pre>
 *
 * When a node is booted from a backup ({@code -restore}), its introduction also carries {@code
 * "restore": {"pairId", "epoch"}} of its archive, and both nodes refuse, before anything is approved or
 * imported, unless both are restored from the same pair at the same epoch (or neither is restored).
 *
 * At this point nothing is pinned yet, so TLS accepts any certificate; the operators' comparison of
 * fingerprints is what defeats a man in the middle (as with SSH's first connection). With {@code -f}
 * the first peer to answer is trusted, which is for automated set-ups on a trusted network.
 */
public final class CertificateExchange {
    static final String PROTOCOL = "symbolon-boot/1";
    private static final Logger LOG = LoggerFactory.getLogger(CertificateExchange.class);
    private static final Duration RETRY = Duration.ofMillis(500);

    private final NodeIdentity identity;
    private final SecureRandom random;
    private final Clock clock;
    private final Optional<RestoredHalf> restoring;

    /**
     * What a node booted from a backup restores: its archive's pair and epoch.
     *
     * @param pairId the archive's pair id
     * @param epoch the archive's epoch
     */
    public record RestoredHalf(String pairId, long epoch) {}

    public CertificateExchange(NodeIdentity identity, SecureRandom random, Clock clock) {
        this(identity, random, clock, Optional.empty());
    }

    /** An exchange for a node booted from a backup when {@code restoring} is present. */
    public CertificateExchange(
            NodeIdentity identity, SecureRandom random, Clock clock, Optional<RestoredHalf> restoring) {
        this.identity = identity;
        this.random = random;
        this.clock = clock;
        this.restoring = restoring;
    }

    /** EP's side: connects to the Partner (retrying until {@code timeout}), introduces itself. */
    public PeerIntroduction connect(
            String host,
            int port,
            String pairId,
            String nodeId,
            String selfHostname,
            PeerApproval approval,
            Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            AtomicReference<X509Certificate> presented = new AtomicReference<>();
            try (SSLSocket socket =
                    (SSLSocket) context(presented).getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host, port), (int) Math.max(1000, remaining(deadline)));
                socket.setSoTimeout((int) Math.max(1000, remaining(deadline)));
                socket.setEnabledProtocols(new String[] {PairTls.PROTOCOL});
                socket.startHandshake();
                ObjectNode hello = hello(Role.EP, nodeId, selfHostname).put("pairId", pairId);
                send(socket.getOutputStream(), hello);
                BufferedReader in = reader(socket);
                JsonNode answer = receive(in, "the Partner's introduction");
                PeerIntroduction peer = introduction(answer, Role.PARTNER, pairId, presented.get());
                checkRestore(answer);
                return decide(peer, approval, socket.getOutputStream(), in);
            } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
                if (remaining(deadline) <= 0) {
                    throw new SymbolonException(
                            ErrorCode.PEER_UNAVAILABLE,
                            "the Partner at " + host + ":" + port + " did not answer within " + timeout.toSeconds()
                                    + " s: run 'symbolon boot partner' there first (it listens for EP)");
                }
                pause();
            } catch (UnknownHostException e) {
                throw new SymbolonException(ErrorCode.USAGE, "unknown host '" + host + "' for the Partner");
            } catch (IOException e) {
                throw new SymbolonException(
                        ErrorCode.PEER_REJECTED,
                        "the certificate exchange with " + host + ":" + port + " failed: " + e.getMessage());
            }
        }
    }

    /** The Partner's side: listens on {@code bind:port} for EP until {@code timeout}. */
    public PeerIntroduction listen(
            String bind, int port, String nodeId, String selfHostname, PeerApproval approval, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        AtomicReference<X509Certificate> presented = new AtomicReference<>();
        try (SSLServerSocket server = (SSLServerSocket)
                context(presented).getServerSocketFactory().createServerSocket(port, 1, InetAddress.getByName(bind))) {
            server.setNeedClientAuth(true);
            server.setEnabledProtocols(new String[] {PairTls.PROTOCOL});
            LOG.info("boot waiting for EP address={} port={}", bind, port);
            while (true) {
                long left = remaining(deadline);
                if (left <= 0) {
                    throw new SymbolonException(
                            ErrorCode.PEER_UNAVAILABLE,
                            "EP did not connect within " + timeout.toSeconds() + " s: run 'symbolon boot ep' on EP,"
                                    + " naming this node with -p");
                }
                server.setSoTimeout((int) left);
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout((int) Math.max(1000, remaining(deadline)));
                    socket.startHandshake();
                    BufferedReader in = reader(socket);
                    JsonNode hello = receive(in, "EP's introduction");
                    String pairId = text(hello, "pairId");
                    PeerIntroduction peer = introduction(hello, Role.EP, pairId, presented.get());
                    send(socket.getOutputStream(), hello(Role.PARTNER, nodeId, selfHostname));
                    checkRestore(hello);
                    return decide(peer, approval, socket.getOutputStream(), in);
                } catch (SocketTimeoutException e) {
                    // the deadline check above ends the wait
                } catch (SymbolonException e) {
                    if (e.errorCode() == ErrorCode.FORBIDDEN
                            || e.errorCode() == ErrorCode.FOREIGN_PAIR
                            || e.errorCode() == ErrorCode.EPOCH_MISMATCH) {
                        throw e;
                    }
                    LOG.warn("boot exchange failed with a caller, still waiting reason=\"{}\"", e.getMessage());
                } catch (IOException e) {
                    LOG.warn("boot exchange failed with a caller, still waiting reason=\"{}\"", e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new SymbolonException(
                    ErrorCode.IO, "cannot listen on " + bind + ":" + port + " for EP (" + e.getMessage() + ")");
        }
    }

    private PeerIntroduction decide(PeerIntroduction peer, PeerApproval approval, OutputStream out, BufferedReader in)
            throws IOException {
        boolean approved = approval.approve(peer, identity.fingerprint());
        ObjectNode decision = Json.mapper().createObjectNode().put("approved", approved);
        send(out, decision);
        if (!approved) {
            throw new SymbolonException(
                    ErrorCode.FORBIDDEN,
                    "the peer's certificate " + peer.fingerprint() + " was not approved; nothing was kept");
        }
        JsonNode theirs = receive(in, "the peer's decision");
        if (!theirs.path("approved").asBoolean(false)) {
            throw new SymbolonException(
                    ErrorCode.FORBIDDEN,
                    "the operator of " + peer.hostname() + " did not approve this node's certificate "
                            + identity.fingerprint() + "; nothing was kept");
        }
        LOG.info(
                "boot peer approved role={} hostname={} fingerprint={}",
                peer.role().label(),
                peer.hostname(),
                peer.fingerprint());
        return peer;
    }

    private ObjectNode hello(Role role, String nodeId, String hostname) {
        ObjectNode hello = Json.mapper()
                .createObjectNode()
                .put("protocol", PROTOCOL)
                .put("role", role.label())
                .put("nodeId", nodeId)
                .put("hostname", hostname);
        restoring.ifPresent(
                half -> hello.putObject("restore").put("pairId", half.pairId()).put("epoch", half.epoch()));
        return hello;
    }

    /**
     * Both halves of a restored pair must come from the same pair and epoch (a refresh between the two
     * backups would make their shares useless together); a restored node and a new one never pair.
     * Both nodes check, after both introductions have crossed, so both report the same reason.
     */
    private void checkRestore(JsonNode peer) {
        JsonNode theirs = peer.get("restore");
        boolean theyRestore = theirs != null && theirs.isObject();
        if (restoring.isEmpty() && !theyRestore) {
            return;
        }
        if (restoring.isEmpty()) {
            throw new SymbolonException(
                    ErrorCode.FOREIGN_PAIR,
                    "the peer is being restored from a backup of pair "
                            + theirs.path("pairId").asText()
                            + ", but this node was booted new: boot both nodes with -restore (the two archives of one"
                            + " backup), or both without; nothing was kept");
        }
        RestoredHalf mine = restoring.get();
        if (!theyRestore) {
            throw new SymbolonException(
                    ErrorCode.FOREIGN_PAIR,
                    "this node is being restored from a backup of pair " + mine.pairId()
                            + ", but the peer was booted new (without -restore): restore both halves of the pair"
                            + " together; nothing was imported");
        }
        String theirPair = theirs.path("pairId").asText();
        long theirEpoch = theirs.path("epoch").asLong(-1);
        if (!theirPair.equals(mine.pairId())) {
            throw new SymbolonException(
                    ErrorCode.FOREIGN_PAIR,
                    "the two restored halves belong to another pair each (this node's archive: pair " + mine.pairId()
                            + ", the peer's: pair " + theirPair + "): restore the EP and Partner archives of one pair;"
                            + " nothing was imported");
        }
        if (theirEpoch != mine.epoch()) {
            throw new SymbolonException(
                    ErrorCode.EPOCH_MISMATCH,
                    "the two restored halves come from different epochs (this node's archive: epoch " + mine.epoch()
                            + ", the peer's: epoch " + theirEpoch + "): they were taken across a key refresh and"
                            + " cannot be restored together; restore the two archives of one coordinated backup;"
                            + " nothing was imported");
        }
    }

    private static PeerIntroduction introduction(
            JsonNode hello, Role expected, String pairId, X509Certificate certificate) {
        if (!PROTOCOL.equals(hello.path("protocol").asText())) {
            throw new SymbolonException(
                    ErrorCode.PEER_REJECTED,
                    "the peer does not speak " + PROTOCOL + " (another program on that port?)");
        }
        Role role = Role.parse(text(hello, "role"));
        if (role != expected) {
            throw new SymbolonException(
                    ErrorCode.WRONG_ROLE,
                    "the peer was booted as " + role.displayName() + ", but this node expects its "
                            + expected.displayName());
        }
        if (certificate == null) {
            throw new SymbolonException(ErrorCode.PEER_REJECTED, "the peer presented no certificate");
        }
        return new PeerIntroduction(role, pairId, text(hello, "nodeId"), text(hello, "hostname"), certificate);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new SymbolonException(ErrorCode.PEER_REJECTED, "the peer's introduction lacks '" + field + "'");
        }
        return value.asText();
    }

    private static void send(OutputStream out, JsonNode message) throws IOException {
        out.write(Json.write(message));
        out.write('\n');
        out.flush();
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static JsonNode receive(BufferedReader in, String what) throws IOException {
        String line = in.readLine();
        if (line == null || line.length() > 16_384) {
            throw new SymbolonException(ErrorCode.PEER_REJECTED, "the peer closed the exchange before " + what);
        }
        return Json.mapper().readTree(line);
    }

    /** TLS that accepts any peer certificate but records it: the operators decide afterwards. */
    private SSLContext context(AtomicReference<X509Certificate> presented) {
        X509TrustManager recording = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                presented.set(chain[0]);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                presented.set(chain[0]);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance(PairTls.PROTOCOL);
            context.init(new KeyManager[] {identity.keyManager()}, new TrustManager[] {recording}, random);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks TLS 1.3", e);
        }
    }

    private long remaining(Instant deadline) {
        return Duration.between(clock.instant(), deadline).toMillis();
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY); // a retry back-off while the Partner starts listening, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SymbolonException(ErrorCode.INTERNAL, "interrupted while waiting for the Partner");
        }
    }
}
