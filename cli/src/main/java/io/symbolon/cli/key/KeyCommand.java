package io.symbolon.cli.key;

import com.fasterxml.jackson.databind.JsonNode;
import io.symbolon.cli.JsonOutput;
import io.symbolon.cli.Main;
import io.symbolon.cli.Terminal;
import io.symbolon.cli.client.ApiClient;
import io.symbolon.cli.client.ApiOptions;
import io.symbolon.error.ErrorCode;
import io.symbolon.error.SymbolonException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code symbolon key create|import|list|show|delete|export|sign|derive}, against EP's client API. */
@Command(
        name = "key",
        description =
                "Create, import, list, show, delete and export objects, and sign or derive with them jointly (through EP's client API).",
        subcommands = {
            KeyCommand.Create.class,
            KeyCommand.Import.class,
            KeyCommand.ListKeys.class,
            KeyCommand.Show.class,
            KeyCommand.Delete.class,
            KeyCommand.Export.class,
            SignCommand.class,
            DeriveCommand.class
        })
public final class KeyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: " + String.join(", ", Main.commands(spec)));
    }

    /** The options every key command has: the API, the partition, JSON output. */
    static class Common {
        @Spec
        CommandSpec spec;

        @Mixin
        ApiOptions api;

        @Option(names = "--partition", paramLabel = "NAME", description = "The partition (default: the login's).")
        String partition;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        String partition() {
            return partition != null ? partition : api.loginPartition();
        }

        String objects() {
            return "/api/v1/partitions/" + segment(partition()) + "/objects";
        }

        /** One object's path: its uid or its (URL-encoded) name. */
        String object(String uidOrName) {
            return objects() + "/" + segment(uidOrName);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void print(JsonNode object) {
            if (json) {
                JsonOutput.print(out(), object);
            } else {
                out().println(line(object));
            }
        }
    }

    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String line(JsonNode object) {
        JsonNode attributes = object.path("attributes");
        return object.path("uid").asText() + "\t" + object.path("type").asText() + "\t"
                + object.path("name").asText()
                + "\tv" + object.path("version").asLong() + " epoch "
                + object.path("epoch").asLong()
                + (attributes.path("extractable").asBoolean() ? "\textractable" : "");
    }

    /** The attributes a new object may be given. */
    static class NewObjectOptions extends Common {
        @Option(
                names = {"-n", "--name"},
                required = true,
                paramLabel = "NAME",
                description = "The object's name, unique in its partition.")
        String name;

        @Option(
                names = {"-t", "--type"},
                required = true,
                paramLabel = "TYPE",
                description = "AES-128, AES-256, HMAC-SHA256, EC-P256, Ed25519, secret-data or certificate.")
        String type;

        @Option(names = "--label", paramLabel = "TEXT", description = "CKA_LABEL.")
        String label;

        @Option(names = "--id", paramLabel = "HEX", description = "CKA_ID, as lowercase hex.")
        String id;

        @Option(names = "--extractable", description = "Allow exporting the whole secret later.")
        boolean extractable;

        @Option(
                names = "--usage",
                paramLabel = "USAGE",
                split = ",",
                description = "What it may be used for: ENCRYPT, DECRYPT, SIGN, VERIFY, WRAP, UNWRAP, DERIVE, MAC.")
        List<String> usages;

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("type", type);
            if (label != null) {
                body.put("label", label);
            }
            if (id != null) {
                body.put("id", id);
            }
            body.put("extractable", extractable);
            if (usages != null) {
                body.put("usages", usages);
            }
            return body;
        }
    }

    /** {@code key create}: joint generation. */
    @Command(
            name = "create",
            description = "Generate an object jointly on both nodes: the whole secret never exists anywhere.")
    static final class Create extends NewObjectOptions implements Callable<Integer> {
        private final Terminal terminal;

        @Option(names = "--length", paramLabel = "BYTES", description = "The length of generated secret-data.")
        Integer length;

        Create(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            Map<String, Object> body = body();
            if (length != null) {
                body.put("length", length);
            }
            print(api.client(terminal).post(objects(), body));
            return 0;
        }
    }

    /** {@code key import}: the client's key, split on EP. */
    @Command(
            name = "import",
            description = "Import a key from a file: split on EP, the Partner's share sent over the pair channel.")
    static final class Import extends NewObjectOptions implements Callable<Integer> {
        private final Terminal terminal;

        @Option(
                names = "--in",
                required = true,
                paramLabel = "FILE",
                description =
                        "The raw key (AES/HMAC/data bytes; EC-P256: 32-byte private scalar; Ed25519: 32-byte private key) or a certificate (DER or PEM).")
        Path in;

        Import(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            byte[] material;
            try {
                material = Files.readAllBytes(in);
            } catch (IOException e) {
                throw new SymbolonException(
                        ErrorCode.IO, "cannot read " + in + ": " + e.getClass().getSimpleName());
            }
            try {
                material = pemToDer(material);
                Map<String, Object> body = body();
                body.put("material", Base64.getEncoder().encodeToString(material));
                print(api.client(terminal).post(objects() + "/import", body));
            } finally {
                Arrays.fill(material, (byte) 0);
            }
            return 0;
        }

        private static byte[] pemToDer(byte[] material) {
            String text = new String(material, StandardCharsets.US_ASCII);
            if (!text.startsWith("-----BEGIN CERTIFICATE-----")) {
                return material;
            }
            String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Base64.getDecoder().decode(body);
        }
    }

    /** {@code key list}: streamed, page by page. */
    @Command(
            name = "list",
            description = "List a partition's objects (streamed: any number of objects in constant memory).")
    static final class ListKeys extends Common implements Callable<Integer> {
        private final Terminal terminal;

        @Option(
                names = "--limit",
                paramLabel = "N",
                description = "At most N objects (one page), with the cursor of the next page.")
        Integer limit;

        @Option(
                names = "--after",
                paramLabel = "UID",
                description = "Start after this uid (the 'next' of the previous page).")
        String after;

        ListKeys(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            ApiClient client = api.client(terminal);
            StringBuilder query = new StringBuilder();
            if (limit != null) {
                query.append("?limit=").append(limit);
            }
            if (after != null) {
                query.append(query.isEmpty() ? '?' : '&').append("after=").append(after);
            }
            PrintWriter out = out();
            long[] count = {0};
            client.stream(objects() + query, object -> {
                count[0]++;
                out.println(json ? JsonOutput.text(object).replace("\n", "").replaceAll("\\s+", " ") : line(object));
            });
            if (!json) {
                out.println(count[0] + " object" + (count[0] == 1 ? "" : "s"));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code key show UID|NAME}. */
    @Command(name = "show", description = "Show one object.")
    static final class Show extends Common implements Callable<Integer> {
        private final Terminal terminal;

        @Parameters(paramLabel = "UID|NAME")
        String object;

        Show(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonOutput.print(out(), api.client(terminal).get(object(object)));
            return 0;
        }
    }

    /** {@code key delete UID|NAME}: both nodes, or the one node holding a partial object. */
    @Command(
            name = "delete",
            description =
                    "Delete an object from both nodes; an object that exists on one node only (a partial key) is removed from it.")
    static final class Delete extends Common implements Callable<Integer> {
        private final Terminal terminal;

        @Parameters(paramLabel = "UID|NAME")
        String object;

        @Option(
                names = "--local",
                description = "Remove the object (by uid) from this stopped node's own database only (--data-dir),"
                        + " whatever its state, without its peer: a maintenance tool for a partial key that a backup's"
                        + " digest comparison reported.")
        boolean local;

        Delete(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            if (local) {
                return LocalDelete.run(api.dataDirectory(), object, out(), json);
            }
            JsonNode deleted = api.client(terminal).delete(object(object));
            if (json) {
                JsonOutput.print(out(), deleted);
            } else {
                out().println("Deleted " + deleted.path("uid").asText() + " from "
                        + deleted.path("removedFrom").asText() + ".");
            }
            return 0;
        }
    }

    /** {@code key export UID|NAME --out FILE}: extractable objects only. */
    @Command(name = "export", description = "Export an extractable object's whole secret into a file (mode 0600).")
    static final class Export extends Common implements Callable<Integer> {
        private final Terminal terminal;

        @Parameters(paramLabel = "UID|NAME")
        String object;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "FILE",
                description = "Where to write the raw secret (must not exist).")
        Path outFile;

        Export(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            JsonNode exported = api.client(terminal).post(object(object) + "/export", Map.of());
            byte[] material =
                    Base64.getDecoder().decode(exported.path("material").asText());
            try {
                Files.write(
                        Files.createFile(
                                outFile,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                        material,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new SymbolonException(
                        ErrorCode.IO,
                        "cannot write " + outFile + ": " + e.getClass().getSimpleName());
            } finally {
                Arrays.fill(material, (byte) 0);
            }
            out().println("Exported " + exported.path("uid").asText() + " ("
                    + exported.path("type").asText() + ", " + material.length + " bytes) to " + outFile + ".");
            return 0;
        }
    }
}
