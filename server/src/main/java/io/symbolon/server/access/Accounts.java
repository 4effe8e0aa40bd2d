package io.symbolon.server.access;

import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import io.symbolon.server.objects.Partner;
import io.symbolon.vault.credential.PasswordHasher;
import io.symbolon.vault.partition.Partition;
import io.symbolon.vault.partition.PartitionUser;
import io.symbolon.vault.storage.Storage;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitions and their users on EP, and password authentication. Passwords are checked against
 * Argon2id hashes; an unknown user costs one Argon2id verification of a dummy hash, so the answer and
 * its timing are the same whether or not the user exists. Failed logins are throttled per login and
 * per source address ({@link LoginThrottle}).
 *
 * <p>A successful login is remembered for {@link #REMEMBERED} as an HMAC of the password under a key
 * drawn at start (never the password), so that a client making many requests pays Argon2id once, not
 * on every request. A wrong password always pays the full cost.
 */
public final class Accounts {
    /** How long a successful login is remembered. */
    public static final Duration REMEMBERED = Duration.ofMinutes(5);

    /** How many Argon2id verifications may run at once (each holds its memory cost). */
    public static final int CONCURRENT_VERIFICATIONS = 2;

    private static final Duration VERIFICATION_WAIT = Duration.ofSeconds(30);
    private static final int MAX_TRACKED_LOGINS = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

    private final Storage storage;
    private final Partner partner;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final byte[] rememberKey = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    private final Map<String, Object> loginLocks = new ConcurrentHashMap<>();
    private final Semaphore verifications = new Semaphore(CONCURRENT_VERIFICATIONS, true);

    private record Remembered(byte[] mac, Instant until, Caller caller) {}

    public Accounts(
            Storage storage,
            Partner partner,
            PasswordHasher hasher,
            LoginThrottle throttle,
            Clock clock,
            SecureRandom random) {
        this.storage = storage;
        this.partner = partner;
        // Before the first login: an unknown user's must cost what a known one's does, the first one too.
        this.hasher = hasher.prepareForLogins();
        this.throttle = throttle;
        this.clock = clock;
        random.nextBytes(rememberKey);
    }

    /**
     * The caller {@code login} ({@code user@partition}) with {@code password} from {@code address}, or
     * {@code UNAUTHENTICATED} (the same message whatever was wrong), or {@code THROTTLED} with the wait.
     * Wipes the password.
     */
    public Caller authenticate(String login, char[] password, String address) {
        try {
            Optional<Duration> wait = throttle.blocked(login, address);
            if (wait.isPresent()) {
                throw new ThrottledException(wait.get());
            }
            byte[] mac = mac(login, password);
            Optional<Caller> known = rememberedCaller(login, mac);
            if (known.isPresent()) {
                return known.get();
            }
            if (loginLocks.size() > MAX_TRACKED_LOGINS) {
                loginLocks.clear();
            }
            // One verification per login at a time: a client's burst of requests after its remembered
            // login expired pays Argon2id once, the others find the refreshed entry.
            synchronized (loginLocks.computeIfAbsent(login, key -> new Object())) {
                known = rememberedCaller(login, mac);
                if (known.isPresent()) {
                    return known.get();
                }
                return verify(login, password, address, mac);
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Optional<Caller> rememberedCaller(String login, byte[] mac) {
        Remembered known = remembered.get(login);
        if (known != null && known.until().isAfter(clock.instant()) && MessageDigest.isEqual(known.mac(), mac)) {
            return Optional.of(known.caller());
        }
        return Optional.empty();
    }

    private Caller verify(String login, char[] password, String address, byte[] mac) {
        Optional<PartitionUser> user = parse(login).flatMap(parts -> storage.findUser(parts[1], parts[0]));
        boolean matches;
        acquireVerification();
        try {
            matches = user.isPresent()
                    ? hasher.verify(password.clone(), user.get().passwordHash())
                    : hasher.verifyUnknownUser(password.clone());
        } finally {
            verifications.release();
        }
        if (!matches) {
            throttle.failed(login, address);
            LOG.info("login refused login=\"{}\" address={}", printable(login), address);
            throw new SymbolonException(
                    ErrorCode.UNAUTHENTICATED, "wrong user or password (log in as user@partition, e.g. so@root)");
        }
        throttle.succeeded(login);
        Caller caller =
                new Caller(user.get().user(), user.get().partition(), user.get().securityOfficer());
        remembered.put(login, new Remembered(mac, clock.instant().plus(REMEMBERED), caller));
        return caller;
    }

    /**
     * Each Argon2id verification takes its memory cost (64 MiB by default) from the heap: at most {@link
     * #CONCURRENT_VERIFICATIONS} run at once, so a burst of logins, or of wrong passwords from someone
     * who wants the node to run out of memory, waits instead.
     */
    private void acquireVerification() {
        try {
            if (!verifications.tryAcquire(VERIFICATION_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SymbolonException(ErrorCode.THROTTLED, "too many logins at once; retry in a few seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SymbolonException(ErrorCode.INTERNAL, "interrupted while waiting to check a password");
        }
    }

    /** Every partition (root SO only). */
    public List<Partition> partitions(Caller caller) {
        caller.requireRootSecurityOfficer();
        return storage.partitions();
    }

    /**
     * Creates a partition on both nodes, with its SO ({@code so@<name>}) and that SO's password (wiped).
     */
    public Partition createPartition(Caller caller, String name, char[] soPassword) {
        try {
            caller.requireRootSecurityOfficer();
            Partition partition = new Partition(Partition.requireValidName(name), clock.instant());
            String hash = hasher.hash(soPassword.clone());
            storage.createPartition(partition);
            try {
                storage.putUser(new PartitionUser(name, PartitionUser.SECURITY_OFFICER, hash, true, clock.instant()));
                partner.ensurePartition(name);
            } catch (RuntimeException e) {
                try {
                    storage.deletePartition(name);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            LOG.info("partition created partition={} by={}", name, caller.login());
            return partition;
        } finally {
            Arrays.fill(soPassword, '\0');
        }
    }

    /** Creates or re-keys a user of {@code partition} (its SO or the root SO); wipes the password. */
    public PartitionUser putUser(Caller caller, String partition, String user, char[] password) {
        try {
            caller.requireSecurityOfficerOf(partition);
            if (storage.findPartition(partition).isEmpty()) {
                throw new SymbolonException(ErrorCode.NOT_FOUND, "no partition '" + partition + "'");
            }
            boolean securityOfficer = user.equals(PartitionUser.SECURITY_OFFICER);
            PartitionUser created =
                    new PartitionUser(partition, user, hasher.hash(password.clone()), securityOfficer, clock.instant());
            storage.putUser(created);
            remembered.remove(created.login());
            LOG.info("user saved login={} by={}", created.login(), caller.login());
            return created;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The users of a partition. */
    public List<PartitionUser> users(Caller caller, String partition) {
        caller.requireSecurityOfficerOf(partition);
        return storage.users(partition);
    }

    private static Optional<String[]> parse(String login) {
        int at = login.lastIndexOf('@');
        if (at <= 0 || at == login.length() - 1) {
            return Optional.empty();
        }
        String user = login.substring(0, at);
        String partition = login.substring(at + 1);
        if (!user.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}") || !partition.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            return Optional.empty();
        }
        return Optional.of(new String[] {user, partition});
    }

    private byte[] mac(String login, char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(rememberKey, "HmacSHA256"));
            mac.update(login.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HMAC-SHA256", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    private static String printable(String login) {
        String cut = login.length() > 80 ? login.substring(0, 80) : login;
        return cut.replaceAll("[^A-Za-z0-9@_.-]", "?");
    }

    /** A login refused without checking the password, because of earlier failures. */
    public static final class ThrottledException extends SymbolonException {
        private static final long serialVersionUID = 1L;
        private final transient Duration retryAfter;

        ThrottledException(Duration retryAfter) {
            super(
                    ErrorCode.THROTTLED,
                    "too many failed logins; retry in " + Math.max(1, retryAfter.toSeconds()) + " s");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
