package graphkit.neo4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.neo4j.batchimport.api.input.Input;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.TransientFailureException;
import org.neo4j.io.ByteUnit;
import picocli.CommandLine;

/**
 * graphkit's bulk first load (`graphkit load --backend neo4j --bulk`), in one JVM: checks that the
 * database of a stopped local server is empty, runs Neo4j's own importer (`neo4j-admin database
 * import full`, in-process from the same jars as the server, with empty lists written at import:
 * {@link EmptyListsImport}), then creates graphkit's constraints and indexes.
 *
 * <pre>
 *   java -cp '.neo4j/lib/*' graphkit.neo4j.BulkImport check --home .neo4j --database neo4j
 *   java -cp '.neo4j/lib/*' graphkit.neo4j.BulkImport --home .neo4j --database neo4j [--check] \
 *       --schema schema.cypher [-- --nodes=... --relationships=...]
 * </pre>
 *
 * Without importer arguments after {@code --} they are read from standard input, one a line, and
 * the import starts at its end: the caller starts this JVM (and with {@code --check} the check)
 * while it is still writing the files. Standard input closed with no line imports nothing.
 * The check exits 3 when the database holds any node and 4 when a running server holds the store.
 * The last line of a successful import is "graphkit-neo4j: imported N nodes, M relationships".
 */
public final class BulkImport {
    /** The importer's estimates, from the caller: nodes, relationships, their properties, sizes, labels. */
    static final String ESTIMATES = "--graphkit-estimates=";

    private BulkImport() {
    }

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        int split = Arrays.asList(args).indexOf("--");
        List<String> own = Arrays.asList(args).subList(0, split < 0 ? args.length : split);
        Path home = Path.of(value(own, "--home", ".neo4j")).toAbsolutePath();
        String database = value(own, "--database", "neo4j");
        if (own.contains("check")) {
            check(home, database);
            return;
        }
        List<String> schema = Files.readAllLines(Path.of(value(own, "--schema", "")), StandardCharsets.UTF_8);
        if (own.contains("--check")) {
            check(home, database);
        }
        System.out.flush();
        long checked = System.nanoTime();
        List<String> importArgs = split >= 0 ? Arrays.asList(args).subList(split + 1, args.length) : readLines();
        if (importArgs.isEmpty()) {
            System.out.println("graphkit-neo4j: nothing to import");
            return;
        }

        long given = System.nanoTime();
        // The database first: the file options take any number of values, a name after them too.
        List<String> command = new ArrayList<>(List.of(database, "--overwrite-destination=true"));
        Input.Estimates estimates = null;
        for (String arg : importArgs) {
            if (arg.startsWith(ESTIMATES)) {
                long[] n = Arrays.stream(arg.substring(ESTIMATES.length()).split(",")).mapToLong(Long::parseLong)
                        .toArray();
                estimates = Input.knownEstimates(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
            } else {
                command.add(arg);
            }
        }
        int status = new CommandLine(new EmptyListsImport(new ExecutionContext(home, home.resolve("conf")), estimates))
                .execute(command.toArray(String[]::new));
        if (status != 0) {
            exit(1, "neo4j-admin database import failed (exit " + status + "; its report is above)");
        }

        long imported = System.nanoTime();
        long[] opened = new long[1];
        String counts = withDatabase(home, database, db -> {
            opened[0] = System.nanoTime();
            createSchema(db, schema);
            db.executeTransactionally("CALL db.awaitIndexes(3600)");
            // Two statements: each is answered from the counts store, without reading the graph.
            return count(db, "MATCH (n) RETURN count(n) AS n") + " nodes, "
                    + count(db, "MATCH ()-[r]->() RETURN count(r) AS n") + " relationships";
        });
        long done = System.nanoTime();
        System.out.printf("graphkit-neo4j: seconds: start and check %.1f, waiting for the files %.1f, import %.1f, "
                + "opening the database %.1f, constraints and indexes %.1f%n", (checked - started) / 1e9,
                (given - checked) / 1e9, (imported - given) / 1e9, (opened[0] - imported) / 1e9,
                (done - opened[0]) / 1e9);
        System.out.println("graphkit-neo4j: imported " + counts);
    }

    /**
     * The schema statements, two at a time: a uniqueness constraint builds its index before it
     * commits, one store scan on one core, so two threads use both cores of a small machine. The
     * statements come biggest first (the caller knows the labels' sizes), each thread takes the
     * next one when it is done; a deadlock between two schema transactions is retried.
     */
    private static void createSchema(GraphDatabaseService db, List<String> schema) {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
        schema.stream().filter(s -> !s.isBlank()).forEach(queue::add);
        List<Throwable> failed = Collections.synchronizedList(new ArrayList<>());
        Runnable worker = () -> {
            for (String statement = queue.poll(); statement != null && failed.isEmpty(); statement = queue.poll()) {
                for (int attempt = 1; ; attempt++) {
                    try {
                        db.executeTransactionally(statement);
                        break;
                    } catch (TransientFailureException e) {
                        if (attempt == 5) {
                            failed.add(e);
                            return;
                        }
                    } catch (RuntimeException e) {
                        failed.add(e);
                        return;
                    }
                }
            }
        };
        Thread other = new Thread(worker, "graphkit-schema");
        other.start();
        worker.run();
        try {
            other.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the schema", e);
        }
        if (!failed.isEmpty()) {
            Throwable first = failed.get(0);
            throw first instanceof RuntimeException r ? r : new IllegalStateException(first);
        }
    }

    private static long count(GraphDatabaseService db, String query) {
        return db.executeTransactionally(query, Map.of(), r -> (Long) r.next().get("n"));
    }

    /** The importer's arguments, one a line, until standard input ends. */
    private static List<String> readLines() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Exits 3 when the database holds a node, 4 when a running server holds the store; else returns. */
    private static void check(Path home, String database) {
        if (Files.exists(home.resolve("data/databases").resolve(database))) {
            // The first node through the core API, counted with Cypher only if there is one: the
            // check runs beside the CSV writing, and Cypher's start-up would take a core from it.
            long nodes = withDatabase(home, database, db -> {
                try (Transaction tx = db.beginTx(); ResourceIterator<Node> all = tx.getAllNodes().iterator()) {
                    if (!all.hasNext()) {
                        return 0L;
                    }
                }
                return count(db, "MATCH (n) RETURN count(n) AS n");
            });
            if (nodes > 0) {
                exit(3, "database '" + database + "' in " + home + " is not empty (" + nodes + " nodes)");
            }
        }
        System.out.println("graphkit-neo4j: database '" + database + "' in " + home + " is empty");
    }

    private interface Work<T> {
        T run(GraphDatabaseService db);
    }

    /** Opens the DBMS of {@code home} without any connector, runs {@code work} on one database, shuts down. */
    private static <T> T withDatabase(Path home, String database, Work<T> work) {
        // A new home: its first start creates user neo4j, with the password the server will have
        // (as the launcher does), so the server never answers with Neo4j's default one.
        if (Files.notExists(home.resolve("data/databases/system"))) {
            Launcher.setInitialPassword(home, System.getenv().getOrDefault("NEO4J_PASSWORD", Launcher.DEFAULT_PASSWORD));
        }
        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, false)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                    // no plugins (the benchmark server's APOC needs its jars on the classpath too)
                    .setConfig(GraphDatabaseSettings.plugin_dir, home.resolve("data/no-plugins"))
                    .build();
        } catch (RuntimeException e) {
            String message = rootMessage(e);
            if (message.contains("lock") || message.contains("Lock")) {
                exit(4, "the database in " + home + " is in use (is its server running?): " + message);
            }
            exit(1, "could not open the database in " + home + ": " + message);
            return null;
        }
        try {
            return work.run(dbms.database(database));
        } finally {
            dbms.shutdown();
        }
    }

    private static String value(List<String> args, String flag, String fallback) {
        int i = args.indexOf(flag);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static void exit(int status, String message) {
        System.err.println("graphkit-neo4j: " + message);
        System.exit(status);
    }
}
