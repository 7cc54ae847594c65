package graphkit.neo4j;

import java.io.IOException;
import java.io.PrintStream;

import org.neo4j.batchimport.api.Configuration;
import org.neo4j.batchimport.api.InputIterable;
import org.neo4j.batchimport.api.InputIterator;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.batchimport.api.input.InputChunk;
import org.neo4j.batchimport.api.input.InputEntityVisitor;
import org.neo4j.batchimport.api.input.PropertySizeCalculator;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.Config;
import org.neo4j.importer.ImportCommand;
import org.neo4j.io.fs.FileSystemAbstraction;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.io.pagecache.context.CursorContextFactory;
import org.neo4j.io.pagecache.tracing.PageCacheTracer;
import org.neo4j.logging.InternalLogProvider;
import org.neo4j.logging.internal.LogService;
import org.neo4j.memory.MemoryTracker;
import org.neo4j.scheduler.JobScheduler;

/**
 * {@code neo4j-admin database import full} whose CSV rows can hold empty lists. Neo4j's CSV
 * reader drops an empty array field (it cannot tell it from a missing one), while graphkit stores
 * {@code aliases: []} and the like. So a row names its empty-list properties in one extra
 * string-array column, {@link #EMPTY}; this command hands the importer an empty {@code String[]}
 * for each name instead of the column, so the store holds what an online load writes and no
 * transaction has to set them afterwards. Everything else is Neo4j's own command, options included.
 *
 * <p>The caller may also give the importer's estimates (it knows the counts exactly): the importer
 * would otherwise sample a megabyte of every file, one after another, before it starts, and
 * graphkit writes a file per label and per relationship type.
 */
@picocli.CommandLine.Command(name = "full")
final class EmptyListsImport extends ImportCommand.Full {
    /** The column naming a row's empty-list properties (graphkit never names a property with "__"). */
    static final String EMPTY = "__empty";
    private static final String[] NONE = new String[0];
    private final Input.Estimates estimates;

    /** {@code estimates} may be null: the importer samples the files for them. */
    EmptyListsImport(ExecutionContext ctx, Input.Estimates estimates) {
        super(ctx);
        this.estimates = estimates;
    }

    @Override
    protected void doImport(FileSystemAbstraction fileSystem, DatabaseLayout databaseLayout, Config databaseConfig,
            JobScheduler jobScheduler, InternalLogProvider logProvider, PageCacheTracer pageCacheTracer,
            CursorContextFactory contextFactory, Configuration importConfig, LogService logService,
            PrintStream stdOut, PrintStream stdErr, boolean verbose, Collector badCollector,
            MemoryTracker memoryTracker, Input input) throws IOException {
        super.doImport(fileSystem, databaseLayout, databaseConfig, jobScheduler, logProvider, pageCacheTracer,
                contextFactory, importConfig, logService, stdOut, stdErr, verbose, badCollector, memoryTracker,
                new Input.Delegate(input) {
                    @Override
                    public InputIterable nodes(Collector collector) {
                        return emptyLists(delegate.nodes(collector));
                    }

                    @Override
                    public InputIterable relationships(Collector collector) {
                        return emptyLists(delegate.relationships(collector));
                    }

                    @Override
                    public Input.Estimates validateAndEstimate(PropertySizeCalculator sizes) throws IOException {
                        return estimates != null ? estimates : delegate.validateAndEstimate(sizes);
                    }
                });
    }

    private static InputIterable emptyLists(InputIterable rows) {
        return () -> new InputIterator() {
            private final InputIterator inner = rows.iterator();

            @Override
            public InputChunk newChunk() {
                return new Chunk(inner.newChunk());
            }

            @Override
            public boolean next(InputChunk chunk) throws IOException {
                return inner.next(((Chunk) chunk).inner);
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    /** One chunk of rows (a chunk is read by one thread at a time, with one visitor). */
    private static final class Chunk implements InputChunk {
        final InputChunk inner;
        private InputEntityVisitor visitor;
        private InputEntityVisitor wrapped;

        Chunk(InputChunk inner) {
            this.inner = inner;
        }

        @Override
        public boolean next(InputEntityVisitor target) throws IOException {
            if (target != visitor) {
                visitor = target;
                wrapped = new InputEntityVisitor.Delegate(target) {
                    @Override
                    public boolean property(String key, Object value) {
                        if (!EMPTY.equals(key)) {
                            return super.property(key, value);
                        }
                        for (String name : (String[]) value) {
                            super.property(name, NONE);
                        }
                        return true;
                    }
                };
            }
            return inner.next(wrapped);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
