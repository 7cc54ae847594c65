package graphkit.neo4j;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import picocli.CommandLine;

/**
 * Local Neo4j Community server for graphkit's development, tests and CI: the embedded database
 * with its Bolt connector switched on, so it behaves like a server without Docker or a tarball.
 *
 * <pre>
 *   java -Xmx1g --add-opens=... -cp '.neo4j/lib/*' graphkit.neo4j.Launcher --home .neo4j --port 7687
 * </pre>
 *
 * Options (or environment): --home DIR (NEO4J_HOME_DIR, default .neo4j), --port N (NEO4J_PORT,
 * default 7687), --pagecache SIZE in MiB (NEO4J_PAGECACHE_MB, default 256), --unrestricted PATTERNS
 * (NEO4J_UNRESTRICTED, comma-separated procedure names given full access; none by default). The password of the
 * user neo4j comes only from the environment, NEO4J_PASSWORD (default graphkit-local), so that it
 * never shows in a process listing; it is never printed or logged.
 */
public final class Launcher {
    static final String DEFAULT_PASSWORD = "graphkit-local";

    public static void main(String[] args) throws InterruptedException {
        Path home = Path.of(option(args, "--home", "NEO4J_HOME_DIR", ".neo4j")).toAbsolutePath();
        int port = Integer.parseInt(option(args, "--port", "NEO4J_PORT", "7687"));
        long pageCacheMb = Long.parseLong(option(args, "--pagecache", "NEO4J_PAGECACHE_MB", "256"));
        // Procedures allowed full access (e.g. "apoc.*"): the benchmark server's APOC only, never
        // the test or user server (tools/bench.mk passes it); jars in HOME/plugins are loaded.
        String unrestricted = option(args, "--unrestricted", "NEO4J_UNRESTRICTED", "");
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", DEFAULT_PASSWORD);
        if (password.length() < 8) { // Neo4j 5 refuses shorter passwords (auth_minimum_password_length)
            fail("NEO4J_PASSWORD must be at least 8 characters long");
        }

        // A new home: give user neo4j its password before the server ever runs, so that Bolt never
        // answers with the default one (and clients get no "wrong password" while it is set).
        boolean firstStart = Files.notExists(home.resolve("data/databases/system"));
        if (firstStart) {
            setInitialPassword(home, password);
        }

        DatabaseManagementService dbms;
        try {
            // The home dir holds data/ (databases, transaction logs, the system database with the
            // users) and logs/ (debug.log); data survives restarts because nothing here deletes it.
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
            if (!unrestricted.isBlank()) {
                builder.setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of(unrestricted.split(",")));
            }
            dbms = builder
                    // Bolt is what the Python driver and graphkit speak; loopback only, no TLS
                    // (bolt:// URIs), since this server is for the local machine.
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    // No HTTP/HTTPS API or Browser: nothing uses them and they would take ports.
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    // Clients must log in as a real server would require (tests check this).
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    // Memory for a 2-core 24 GiB machine shared with the test suite: the page
                    // cache is off-heap (default would be half of the free RAM); the heap is
                    // capped by -Xmx on the java command line; one big transaction may not take
                    // more than 512 MiB.
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(512))
                    // Dev data: keep at most ~100 MiB of old transaction logs (default 2 days/2 GiB).
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "100M size")
                    // Stop in ~2 s instead of ~12 s: by default the Bolt server's Netty threads
                    // idle through two 5 s grace periods after the databases have already closed.
                    // (Internal settings, checked at compile time against the pinned 5.26.)
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .build();
        } catch (RuntimeException e) {
            fail("could not start Neo4j in " + home + " on 127.0.0.1:" + port + ": " + rootMessage(e));
            return;
        }
        // SIGTERM/SIGINT (make neo4j-down, Ctrl-C) run this hook: a clean shutdown flushes the
        // page cache and checkpoints, so the next start needs no recovery.
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("graphkit-neo4j: shutting down");
            dbms.shutdown();
            stopped.countDown();
            System.out.println("graphkit-neo4j: stopped");
        }, "graphkit-neo4j-shutdown"));

        try {
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            if (!firstStart) {
                setPassword(system, password);
            }
            System.out.println("graphkit-neo4j: Neo4j " + components(system) + " ready on bolt://127.0.0.1:"
                    + port + " (user neo4j, home " + home + ")");
        } catch (RuntimeException e) {
            if (!stopping.get()) { // a SIGTERM during these first queries is no error
                fail("could not set up user neo4j: " + rootMessage(e)); // exits; the hook shuts down
            }
        }
        stopped.await(); // keep the JVM up until the shutdown hook has run
    }

    /**
     * Runs Neo4j's own `neo4j-admin dbms set-initial-password` in-process: it writes
     * data/dbms/auth.ini, which the system database reads once, when it is created. Its output
     * (which never holds the password) is dropped; "--" keeps a password starting with "-" whole.
     */
    static void setInitialPassword(Path home, String password) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        ExecutionContext context = new ExecutionContext(home, home.resolve("conf"), quiet, System.err,
                new DefaultFileSystemAbstraction());
        SetInitialPasswordCommand command = new SetInitialPasswordCommand(context);
        try {
            new CommandLine(command).parseArgs("--", password);
            command.execute();
        } catch (Exception e) {
            fail("could not set the initial password: " + rootMessage(e));
        }
    }

    /**
     * Later starts: makes the password of user neo4j the one in NEO4J_PASSWORD again, so that a
     * changed NEO4J_PASSWORD takes effect. Embedded transactions run with full rights, so no
     * login is needed. The password goes in as a parameter, never into the query text or a log.
     */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
            System.out.println("graphkit-neo4j: password of user neo4j changed to NEO4J_PASSWORD");
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to the one it already has: that is fine.
            if (!rootMessage(e).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    /** "5.26.30 community", from the same procedure a client can call. */
    private static String components(GraphDatabaseService system) {
        return system.executeTransactionally(
                "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v",
                Map.of(), result -> result.hasNext() ? String.valueOf(result.next().get("v")) : "?");
    }

    private static String option(String[] args, String flag, String env, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(flag)) {
                return args[i + 1];
            }
        }
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static void fail(String message) {
        System.err.println("graphkit-neo4j: " + message);
        System.exit(1);
    }
}
