using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Collection;
using Xinyong.Collection.Sources;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Subjects;

namespace Xinyong.Storage.Collection;

/// <summary>Who sends what, through which channel.</summary>
/// <param name="Provider">The provider account (its items are checked).</param>
/// <param name="Item">The catalog item code.</param>
/// <param name="Channel">api, file, cli or sample.</param>
/// <param name="BatchKey">The provider's batch id (API) — the same key sent again answers the same; null for files.</param>
/// <param name="FileName">The file's name, for provenance.</param>
public sealed record ImportRequest(Account Provider, string Item, string Channel, string? BatchKey = null, string? FileName = null);

/// <summary>One refused row: where it is and every reason.</summary>
public sealed record RejectedRow(int Row, IReadOnlyList<FieldError> Errors);

/// <summary>What an import did.</summary>
public sealed record ImportResult
{
    public long BatchId { get; init; }
    public string? BatchKey { get; init; }
    public string Item { get; init; } = "";
    /// <summary>Data rows read (blank rows are no rows): every one is accepted, a duplicate or rejected, so
    /// <c>Rows == Accepted + Duplicates + Rejected.Count</c>.</summary>
    public int Rows { get; init; }
    /// <summary>Rows stored: new records plus new versions of changed ones.</summary>
    public int Accepted { get; init; }
    /// <summary>Of the accepted, how many were new versions of records already held.</summary>
    public int Updated { get; init; }
    /// <summary>Rows identical to what the platform already held: nothing added.</summary>
    public int Duplicates { get; init; }
    public IReadOnlyList<RejectedRow> Rejected { get; init; } = [];
    /// <summary>Problems with the input as a whole that lost no data (e.g. columns not in the catalog, ignored).</summary>
    public IReadOnlyList<FieldError> Warnings { get; init; } = [];
    /// <summary>True when this is the stored answer to a batch sent before (not part of the answer's body).</summary>
    [JsonIgnore]
    public bool Replayed { get; init; }
}

/// <summary>The provider may not write the item.</summary>
public sealed class ItemNotPermittedException(string provider, string item)
    : Exception(RowProblems.ItemNotPermitted(provider, item));

/// <summary>
/// The quality pipeline of collection (《黑龙江省“十四五”社会信用体系建设规划》三（二）): filter (schema, identifiers, exclusions such as 简易程序
/// penalties) → de-duplicate (same item, subject and decision number, within the batch and against the store) → merge
/// (subjects and their names; changed content becomes a new version) → classify (nature, severity, disclosure period)
/// → load (binary COPY on PostgreSQL, prepared inserts on SQLite), chunk by chunk so memory stays flat. Every valid row
/// is stored even when others fail; nothing is ever deleted.
/// </summary>
public sealed class CollectionPipeline(Database db, CatalogSet catalog, SubjectStore subjects, TimeProvider clock, IEnumerable<IBatchLoadedHandler> handlers,
    IEnumerable<IRecordChangeListener> listeners, Emergencies.EmergencyRegistry? emergencies = null, IEnumerable<IRecordLoadHook>? loadHooks = null)
{
    private readonly IRecordLoadHook[] _hooks = loadHooks?.ToArray() ?? [];

    /// <summary>The default of <see cref="ChunkSize"/>: large enough that a commit's cost stays a small share (on SQLite
    /// a commit writes every index page the transaction touched, and random index inserts touch most of them: the cost
    /// of a commit grows with the store, not with the rows it carries).</summary>
    public const int DefaultChunkSize = 25_000;

    /// <summary>The most valid rows handed from the reading thread to the loading thread at a time (a slice of a
    /// chunk): the slices in flight (one being read, two waiting, one loading) keep the process's memory flat and low
    /// whatever the chunk's size. Small, so that few rows in flight outlive a collection of the youngest generation:
    /// against 2,500 the peak memory of a 200,000-row load fell from 274 to 180 MiB at the same CPU (docs/performance.md),
    /// which pays for SQLite's larger page cache below.</summary>
    public const int SliceSize = 500;

    /// <summary>Rows per load transaction (each commits the batch's progress with its rows); read once at the start of
    /// each import (settable so that a running instance, e.g. in a test, can make its batches' progress visible after a
    /// few rows).</summary>
    public int ChunkSize { get; set; } = DefaultChunkSize;

    /// <summary>Rows a slice (at most <see cref="ChunkSize"/>); read once at the start of each import.</summary>
    public int SliceRows { get; set; } = SliceSize;

    /// <summary>Subjects the loading thread remembers (identifier → id and name) before it starts afresh.</summary>
    public int SubjectCacheSize { get; set; } = 50_000;

    /// <summary>SQLite: the page cache of the load's connection in KiB, or null for the bulk load's default. 64 MiB: the
    /// index pages a load touches at random stay in it (against 16 MiB the records' insert cost 17.6 instead of 22.6 µs
    /// a row at 200,000 rows), within the memory the small slices freed (docs/performance.md).</summary>
    public int? SqliteCacheKiB { get; set; } = 65_536;

    /// <summary>
    /// Raised on a loading thread after each chunk's transaction committed, with the batch's progress as every chunk
    /// committed so far wrote it into the batch row (with two loaders, on PostgreSQL, from either thread, possibly at
    /// once). Observers must be quick and thread-safe; a test may block here to read the batch part way.
    /// </summary>
    public event Action<BatchProgress>? ChunkCommitted;

    /// <summary>
    /// How long a batch in progress whose loading process gives no sign of life (no heartbeat) is waited for before it is
    /// deemed abandoned and may be sent again (<see cref="BatchRecovery"/>); a batch whose process is known dead is not waited for.
    /// </summary>
    public TimeSpan BatchLease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>When set, each import adds where its time went, step by step (the benchmark's <c>--profile</c>).</summary>
    public LoadProfile? Profile { get; set; }

    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly (string, ColumnType)[] RecordColumns =
    [
        ("item", ColumnType.Text), ("subject_id", ColumnType.BigInt), ("doc_key", ColumnType.Text), ("version", ColumnType.Int),
        ("status", ColumnType.Text), ("serious", ColumnType.Bool), ("decided_on", ColumnType.Date), ("public_until", ColumnType.Date),
        ("repair_from", ColumnType.Date), ("withheld", ColumnType.Bool), ("region", ColumnType.Text), ("authority", ColumnType.Text),
        ("fields", ColumnType.Text), ("content_hash", ColumnType.Text), ("provider", ColumnType.Text), ("channel", ColumnType.Text),
        ("batch_id", ColumnType.BigInt), ("received_at", ColumnType.Instant), ("changed_at", ColumnType.Instant),
        ("severity", ColumnType.Text), ("tier_rule", ColumnType.Text), ("publication", ColumnType.Text),
    ];

    /// <summary>PostgreSQL with load hooks: the ids drawn from the sequence first, so the hooks know each record's id.</summary>
    private static readonly (string, ColumnType)[] RecordColumnsWithId = [("id", ColumnType.BigInt), .. RecordColumns];

    /// <summary>Runs the pipeline over a source.</summary>
    /// <exception cref="ItemNotPermittedException">The provider may not write the item.</exception>
    /// <exception cref="KeyNotFoundException">The item is not in the catalog.</exception>
    /// <exception cref="SourceException">The input as a whole is unreadable (no header, two columns for one field).</exception>
    public ImportResult Import(ImportRequest req, IRecordSource source)
    {
        var item = catalog.Item(req.Item) ?? throw new KeyNotFoundException(RowProblems.UnknownItem(req.Item));
        if (req.Provider.Kind != AccountKinds.Provider || !req.Provider.Items.Contains(item.Code))
            throw new ItemNotPermittedException(req.Provider.Code, item.Code);

        var (batchId, replay, earlier) = OpenBatch(req);
        if (replay is not null) return replay;

        using var heartbeat = new BatchRecovery.Heartbeat(db, clock, batchId, BatchRecovery.Owner, BatchLease / 4);
        try
        {
            return Run(req, source, item, batchId, earlier, BatchRecovery.Owner);
        }
        catch
        {
            // Keep the batch (rows already loaded point to it) but free its key, so the provider can send it again; the
            // next attempt takes over the rows this one loaded.
            using var c = db.Open();
            c.Execute("UPDATE batches SET sent_key = batch_key, batch_key = batch_key || ':failed:' || CAST(id AS TEXT), finished_at = @now WHERE id = @batchId AND finished_at IS NULL",
                new { batchId, now = clock.GetUtcNow() });
            throw;
        }
    }

    /// <summary>
    /// Runs the pipeline over a batch a worker claimed (<see cref="WebImportQueue.TryClaim"/>): a file uploaded for
    /// background processing. The batch keeps its id; when an earlier run of it was interrupted (its process was killed),
    /// the rows that run committed carry the batch's interrupted-run mark and are taken over once, so the batch lands
    /// exactly once. Every chunk commits only while the claim holds: a batch another worker took over is not written to.
    /// Failures are the caller's to record (<see cref="WebImportQueue.Fail"/>).
    /// </summary>
    /// <exception cref="ItemNotPermittedException">The provider may no longer write the item.</exception>
    /// <exception cref="SourceException">The file as a whole is unreadable.</exception>
    /// <exception cref="BatchTakenOverException">Another worker took the batch over.</exception>
    public ImportResult ImportClaimed(ClaimedBatch batch, Account provider, IRecordSource source)
    {
        var item = catalog.Item(batch.Item) ?? throw new KeyNotFoundException(RowProblems.UnknownItem(batch.Item));
        if (provider.Kind != AccountKinds.Provider || provider.Code != batch.Provider || !provider.Items.Contains(item.Code))
            throw new ItemNotPermittedException(provider.Code, item.Code);
        using var heartbeat = new BatchRecovery.Heartbeat(db, clock, batch.Id, batch.Owner, BatchLease / 4);
        HashSet<long> earlier = batch.Resumed ? [WebImportQueue.InterruptedMark(batch.Id)] : [];
        return Run(new ImportRequest(provider, item.Code, batch.Channel, FileName: batch.FileName), source, item, batch.Id, earlier, batch.Owner);
    }

    private ImportResult Run(ImportRequest req, IRecordSource source, CatalogItem item, long batchId, HashSet<long> earlier, string owner)
    {
        // Stages that overlap: this thread reads, validates and serializes; loader threads resolve subjects and write
        // chunks, one transaction each, handed over in slices. At most two slices wait for each loader, so memory stays
        // flat whatever the file's size. On PostgreSQL two loaders, each on its own connection, take the rows of one
        // partition of the subjects each (SubjectPartition): the database server's work, which sets the pace there, runs
        // on both cores; no subject, and so no record, is written by both.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var validator = new RecordValidator(item);
        var screen = new FreeTextScreen(item);
        var today = clock.Today();
        var rejected = new List<RejectedRow>();
        var chunkSize = Math.Max(1, ChunkSize);
        var sliceSize = Math.Max(1, Math.Min(chunkSize, SliceRows));
        var loaderCount = db.Dialect == Dialect.Postgres ? Math.Clamp(Loaders, 1, SubjectPartitions) : 1;
        var queues = Enumerable.Range(0, loaderCount).Select(_ => new BlockingCollection<Chunk>(boundedCapacity: 2)).ToArray();
        using var disposeQueues = new Disposables(queues);
        var tallies = Enumerable.Range(0, loaderCount).Select(_ => new Tally()).ToArray();
        var committed = new Tally();   // what the committed transactions of every loader hold, for ChunkCommitted
        using var stop = new CancellationTokenSource();
        var loaders = Enumerable.Range(0, loaderCount).Select(k => Task.Run(() =>
        {
            // The advisory locks of the partitions this loader writes (all of them when it is the only one).
            int[] partitions = loaderCount == 1 ? [.. Enumerable.Range(0, SubjectPartitions)] : [k];
            var queue = queues[k];
            var mine = tallies[k];
            DbConnection? c = null;
            DbTransaction? tx = null;
            try
            {
                var cache = new SubjectCache(SubjectCacheSize / loaderCount);
                var inTransaction = 0;
                var delta = new Tally();   // what the open transaction adds to the batch's progress
                int? total = null;
                void Commit()
                {
                    // The batch's progress, in the chunk's own transaction: the counts never run ahead of the data.
                    var t = LoadProfile.Now();
                    WriteProgress(c!, tx!, batchId, delta, total, owner);
                    tx!.Commit();
                    tx.Dispose();
                    c!.Dispose();
                    (tx, c, inTransaction) = (null, null, 0);
                    Profile?.Step("load: progress, commit", ref t);
                    BatchProgress p;
                    lock (committed)
                    {
                        committed.Add(delta);
                        p = new BatchProgress(batchId, committed.RowsRead, committed.Accepted, committed.Updated, committed.Duplicates, committed.Rejected, total);
                    }
                    delta = new Tally();
                    ChunkCommitted?.Invoke(p);
                }
                var idle = LoadProfile.Now();
                foreach (var chunk in queue.GetConsumingEnumerable())
                {
                    Profile?.Step("loader: wait for slice", ref idle);
                    if (c is null) (c, tx) = BeginLoad(item, partitions);
                    var before = mine.LoadRejected.Count;
                    var (a, u, d) = Load(c, tx!, item, req, batchId, earlier, chunk.Rows, mine.LoadRejected, cache);
                    var slice = new Tally
                    {
                        RowsRead = chunk.RowsRead, Accepted = a, Updated = u, Duplicates = d, Rejected = chunk.ReadRejected + mine.LoadRejected.Count - before,
                    };
                    mine.Add(slice);
                    delta.Add(slice);
                    total = chunk.Total;
                    inTransaction += chunk.Rows.Count;
                    if (inTransaction >= chunkSize) Commit();
                    idle = LoadProfile.Now();
                }
                if (c is not null) Commit();
            }
            catch
            {
                stop.Cancel();
                throw;
            }
            finally
            {
                tx?.Dispose();
                c?.Dispose();
            }
        })).ToArray();
        void CompleteAll() { foreach (var q in queues) q.CompleteAdding(); }
        void WaitAll()
        {
            try { Task.WaitAll(loaders); }
            catch (AggregateException ex)
            {
                // The first loader's own failure (another loader only stopped because of it) is the one to report.
                var first = ex.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? ex.InnerExceptions[0];
                ExceptionDispatchInfo.Capture(first).Throw();
            }
        }

        var errors = new List<FieldError>();
        var current = Enumerable.Range(0, loaderCount).Select(_ => new List<Prepared>(sliceSize)).ToArray();
        // Rows read (and, of them, rejected while reading) not yet handed to a loader: each slice carries the rows it
        // holds, and the first partition's also the rows rejected since its last one, so that the progress each
        // transaction commits adds up (rows read = accepted + duplicates + rejected) whichever loader commits first.
        var readPending = new int[loaderCount];
        var rejectedPending = 0;
        var rows = 0;
        var expected = (source as ICountedSource)?.ExpectedRows;
        void Hand(int k)
        {
            var read = readPending[k] + (k == 0 ? rejectedPending : 0);
            var readRejected = k == 0 ? rejectedPending : 0;
            queues[k].Add(new Chunk(current[k], read, readRejected, expected), stop.Token);
            readPending[k] = 0;
            if (k == 0) rejectedPending = 0;
            current[k] = new List<Prepared>(sliceSize);
        }
        var reading = LoadProfile.Now();
        try
        {
            foreach (var row in source.Rows(item))
            {
                rows++;
                if (row.Broken is { } broken) { rejected.Add(new RejectedRow(row.Row, [broken])); rejectedPending++; continue; }
                errors.Clear();
                var rec = validator.Validate(row.Values, row.Names, today, errors);
                if (rec is null) { rejected.Add(new RejectedRow(row.Row, errors.ToList())); rejectedPending++; continue; }
                screen.Screen(row.Row, rec);
                var (json, hash) = RecordJson.Serialize(item, rec.Values);
                var publication = emergencies?.Publication(item, rec) ?? RecordVersions.Publication(rec);
                object?[]? hooked = null;
                if (_hooks.Length > 0)
                {
                    hooked = new object?[_hooks.Length];
                    for (var h = 0; h < _hooks.Length; h++) hooked[h] = _hooks[h].Prepare(item, rec, publication);
                }
                var subjectKey = rec.Subject.LookupKey(subjects.Hasher);
                var k = loaderCount == 1 ? 0 : SubjectPartition(subjectKey);
                current[k].Add(new Prepared(row.Row, rec, subjectKey, json, hash, publication, hooked));
                readPending[k]++;
                if (current[k].Count >= sliceSize)
                {
                    Profile?.Step("reader: read, check, serialize", ref reading);
                    Hand(k);
                    Profile?.Step("reader: wait for slot", ref reading);
                }
            }
            for (var k = 0; k < loaderCount; k++)
                if (current[k].Count > 0 || (k == 0 && rejectedPending > 0)) Hand(k);
            CompleteAll();
        }
        catch (OperationCanceledException) when (loaders.Any(l => l.IsFaulted) || stop.IsCancellationRequested)
        {
            // A loader failed: its exception is the one to report.
        }
        catch
        {
            // The input failed: the loaders finish the chunks already handed over (each commits whole, and the next
            // attempt of the batch takes them over) before the input's error is reported and the queues go away.
            CompleteAll();
            try { Task.WaitAll(loaders); }
            catch (AggregateException) { /* the input's error is the one to report */ }
            throw;
        }
        finally
        {
            CompleteAll();
        }
        WaitAll();

        int accepted = tallies.Sum(t => t.Accepted), updated = tallies.Sum(t => t.Updated), duplicates = tallies.Sum(t => t.Duplicates);
        foreach (var t in tallies) rejected.AddRange(t.LoadRejected);
        var after = LoadProfile.Now();
        rejected.Sort((a, b) => a.Row.CompareTo(b.Row));

        var warnings = source.UnknownColumns.Select(u => RowProblems.UnknownField(item, u)).ToList();
        warnings.AddRange(screen.Warnings());
        var result = new ImportResult
        {
            BatchId = batchId, BatchKey = req.BatchKey, Item = item.Code, Rows = rows, Accepted = accepted, Updated = updated,
            Duplicates = duplicates, Rejected = rejected, Warnings = warnings,
        };
        CloseBatch(batchId, result, owner);
        Profile?.Step("after: close batch", ref after);
        Telemetry.PlatformMetrics.Imported(item.Code, req.Channel, accepted, updated, duplicates, rejected.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        if (result.Accepted > 0)
        {
            foreach (var h in _hooks)
            {
                h.BatchLoaded(item, batchId, resumed: earlier.Count > 0);
                Profile?.Step("after: " + h.GetType().Name, ref after);
            }
            foreach (var h in handlers)
            {
                h.OnBatchLoaded(item, batchId);
                Profile?.Step("after: " + h.GetType().Name, ref after);
            }
        }
        return result;
    }

    /// <summary>Valid rows handed to a loader (a slice of a chunk), with the rows read that it accounts for (its own rows
    /// and the rows rejected while reading that it carries), of which rejected, and the input's row count if it knows it.</summary>
    private sealed record Chunk(List<Prepared> Rows, int RowsRead, int ReadRejected, int? Total);

    /// <summary>Disposes several things at the end of a scope.</summary>
    private sealed class Disposables(IEnumerable<IDisposable> all) : IDisposable
    {
        public void Dispose() { foreach (var d in all) d.Dispose(); }
    }

    /// <summary>Counts of a batch's progress: of one slice, of a loader's open transaction, of a loader, or of everything committed.</summary>
    private sealed class Tally
    {
        public int RowsRead, Accepted, Updated, Duplicates, Rejected;
        /// <summary>The rows a loader refused (a loader's own tally only).</summary>
        public List<RejectedRow> LoadRejected { get; } = [];

        public void Add(Tally t)
        {
            RowsRead += t.RowsRead; Accepted += t.Accepted; Updated += t.Updated; Duplicates += t.Duplicates; Rejected += t.Rejected;
        }
    }

    /// <summary>PostgreSQL: how many partitions the subjects fall into (by <see cref="SubjectPartition"/>) and so the most
    /// loaders an import runs. Each partition has its own advisory lock an item: a loader holds the locks of the
    /// partitions it writes for its transaction, so that two imports of one item never write one record at once.</summary>
    public const int SubjectPartitions = 2;

    /// <summary>PostgreSQL: the loaders an import runs (1 or 2; SQLite has one writer and always runs one). A batch loaded
    /// by two commits their chunks in whichever order they finish: its progress adds up at every commit, but a chunk
    /// boundary is no longer a place in the file (tests that look at a batch part way set 1).</summary>
    public int Loaders { get; set; } = SubjectPartitions;

    /// <summary>The partition of a subject by its lookup key: stable across processes and versions (FNV-1a), since
    /// the advisory locks of concurrent imports rely on it.</summary>
    public static int SubjectPartition(string subjectKey)
    {
        var h = 2166136261u;
        foreach (var ch in subjectKey) h = (h ^ ch) * 16777619u;
        return (int)(h % SubjectPartitions);
    }

    /// <summary>A valid row, serialized, waiting to be loaded, with its publication (the tier rules, or held under an
    /// emergency declaration) and what each load hook prepared for it (in the order of the hooks; null without hooks).</summary>
    private sealed record Prepared(int Row, ValidRecord Rec, string SubjectKey, string Json, string Hash, string Publication, object?[]? Hooked);

    /// <summary>A row ready to load: its subject resolved, its content serialized.</summary>
    private readonly record struct Candidate(int Row, ValidRecord Rec, long SubjectId, string Json, string Hash, string Publication, object?[]? Hooked);

    /// <summary>Opens a chunk's connection and transaction.</summary>
    private (DbConnection, DbTransaction) BeginLoad(CatalogItem item, int[] partitions)
    {
        var t = LoadProfile.Now();
        var c = db.OpenForBulkLoad();
        try
        {
            if (db.Dialect == Dialect.Sqlite && SqliteCacheKiB is { } kib) c.Execute($"PRAGMA cache_size=-{kib}");
            var tx = BeginWrite(c);
            if (db.Dialect == Dialect.Postgres)
            {
                foreach (var partition in partitions)
                    c.Execute("SELECT pg_advisory_xact_lock(hashtext(@item), @partition)", new { item = item.Code, partition }, tx);
                // The lookups of a chunk's subjects and held records probe a key list of thousands: costed as thousands of
                // random reads, the planner prefers a full (parallel) scan of subjects or records once they hold several
                // hundred thousand rows, and the load slows with every row the store holds (measured: 290 ms a chunk at
                // 720,000 subjects). Index probes stay a few milliseconds whatever the size; this transaction only.
                c.Execute("SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0", transaction: tx);
            }
            Profile?.Step("load: open, begin", ref t);
            return (c, tx);
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    /// <summary>Loads one slice of a chunk in the chunk's transaction.</summary>
    private (int Accepted, int Updated, int Duplicates) Load(DbConnection c, DbTransaction tx, CatalogItem item, ImportRequest req, long batchId,
        HashSet<long> earlierAttempts, List<Prepared> chunk, List<RejectedRow> rejected, SubjectCache cache)
    {
        var now = clock.GetUtcNow();
        var t = LoadProfile.Now();

        var ids = subjects.Resolve(c, tx,
            chunk.Select(x => (x.SubjectKey, new SubjectSeed(x.Rec.Subject, x.Rec.Kind, x.Rec.SubjectName, x.Rec.Region, LegalRep(item, x.Rec)))),
            item.Code, authoritativeNames: item.Nature == Nature.Basic, cache);
        Profile?.Step("load: subjects", ref t);

        // De-duplicate within the chunk: the same decision twice is one record, or an error when the contents differ.
        var candidates = new List<Candidate>(chunk.Count);
        var inChunk = new Dictionary<(long, string), (int Row, string Hash)>(chunk.Count);
        var duplicates = 0;
        foreach (var (row, rec, subjectKey, json, hash, publication, hooked) in chunk)
        {
            var subjectId = ids[subjectKey];
            if (inChunk.TryGetValue((subjectId, rec.DocKey), out var earlier))
            {
                if (earlier.Hash == hash) duplicates++;
                else rejected.Add(new RejectedRow(row, [RowProblems.DuplicateInBatch(item, earlier.Row)]));
                continue;
            }
            inChunk[(subjectId, rec.DocKey)] = (row, hash);
            candidates.Add(new Candidate(row, rec, subjectId, json, hash, publication, hooked));
        }
        Profile?.Step("load: de-duplicate", ref t);

        // Load the new ones; set aside those the store already holds.
        List<Candidate> held;
        int inserted;
        // The records inserted new, with their ids, when hooks write something with them.
        var news = _hooks.Length > 0 ? new List<(long Id, Candidate X)>(candidates.Count) : null;
        if (db.Dialect == Dialect.Postgres)
        {
            // Which keys the store holds (one round trip of index probes), then a binary COPY of the new rows. A COPY into
            // a temporary staging table merged with one INSERT … SELECT … ON CONFLICT was tried and cost the server more
            // CPU a row (row-by-row speculative insertion instead of COPY's batched heap inserts; docs/performance.md).
            var existing = ExistingKeys(c, tx, item.Code, candidates);
            held = candidates.Where(x => existing.Contains((x.SubjectId, x.Rec.DocKey))).ToList();
            var fresh = candidates.Where(x => !existing.Contains((x.SubjectId, x.Rec.DocKey))).ToList();
            Profile?.Step("load: existence check", ref t);
            if (news is not null && fresh.Count > 0)
            {
                // Ids drawn from the records' sequence in one round trip, then written by the COPY (the column is an
                // identity BY DEFAULT): the hooks learn each record's id without reading the rows back.
                var drawn = c.Query<long>("SELECT nextval(pg_get_serial_sequence('records', 'id')) FROM generate_series(1, @n)", new { n = fresh.Count }, tx).ToList();
                for (var i = 0; i < fresh.Count; i++) news.Add((drawn[i], fresh[i]));
                BulkInsert.Rows(c, tx, "records", RecordColumnsWithId, news.Select(x => (object?[])[x.Id, .. Row(item, x.X, req, batchId, now)]));
            }
            else BulkInsert.Rows(c, tx, "records", RecordColumns, fresh.Select(x => Row(item, x, req, batchId, now)));
            inserted = fresh.Count;
        }
        else
        {
            held = [];
            inserted = 0;
            using var insert = new SqliteInsertIfAbsent((Microsoft.Data.Sqlite.SqliteConnection)c, (Microsoft.Data.Sqlite.SqliteTransaction)tx, "records",
                RecordColumns.Select(x => x.Item1).ToArray(), "subject_id, item, doc_key");
            foreach (var x in candidates)
                if (insert.Run(Row(item, x, req, batchId, now)))
                {
                    inserted++;
                    news?.Add((insert.LastId, x));
                }
                else held.Add(x);
        }
        Profile?.Step("load: insert records", ref t);

        // What the hooks write with the new records (the 两书同达 notices), in this same transaction.
        if (news is { Count: > 0 })
        {
            for (var k = 0; k < _hooks.Length; k++)
            {
                var mine = new List<InsertedRecord>(news.Count);
                foreach (var (id, x) in news)
                    if (x.Hooked![k] is { } prepared) mine.Add(new InsertedRecord(id, x.SubjectId, prepared));
                if (mine.Count > 0) _hooks[k].Inserted(c, tx, item, mine);
            }
            Profile?.Step("load: hooks (notices)", ref t);
        }

        // Records already held: identical → duplicate; changed → a new version; sent by another provider → refused.
        var updated = 0;
        var adopted = new List<long>();
        var adoptedUpdates = 0;   // adopted records that the earlier attempt had stored as a new version
        if (held.Count > 0)
        {
            var current = Held(c, tx, item.Code, held);
            foreach (var x in held)
            {
                var old = current[(x.SubjectId, x.Rec.DocKey)];
                if (old.ContentHash == x.Hash)
                {
                    // Loaded by an earlier attempt of this batch that failed or was abandoned: this attempt's row, once.
                    if (old.BatchId is { } by && earlierAttempts.Contains(by))
                    {
                        adopted.Add(old.Id);
                        if (old.Version > 1) { updated++; adoptedUpdates++; }
                    }
                    else duplicates++;
                    continue;
                }
                if (old.BatchId == batchId)
                {
                    rejected.Add(new RejectedRow(x.Row, [RowProblems.DuplicateInBatch(item, null)]));
                    continue;
                }
                if (old.Provider != req.Provider.Code)
                {
                    rejected.Add(new RejectedRow(x.Row, [RowProblems.OwnedByOtherProvider(item, old.Provider)]));
                    continue;
                }
                RecordVersions.Replace(c, tx, old.Id, x.Rec, Authority(item, x.Rec), x.Json, x.Hash, req.Provider.Code, req.Channel, batchId, now,
                    RowProblems.Resubmitted(batchId));
                // A resubmission with changed content is the provider's correction (Art. 38): holders of copies are told.
                var after = new Publication.StoredRecord
                {
                    Id = old.Id, Item = item.Code, SubjectId = x.SubjectId, DocKey = x.Rec.DocKey, Version = old.Version + 1, Status = RecordStatus.Active,
                    Fields = x.Json, ContentHash = x.Hash, Provider = req.Provider.Code, Channel = req.Channel, BatchId = batchId, ReceivedAt = now, ChangedAt = now,
                };
                foreach (var l in listeners) l.Changed(c, tx, after, RecordChangeKinds.Corrected, req.Provider);
                updated++;
            }
        }
        if (adopted.Count > 0)
            c.Execute("UPDATE records SET batch_id = @batchId WHERE id = @id", adopted.Select(id => new { batchId, id }), tx);
        Profile?.Step("load: held records", ref t);
        return (inserted + adopted.Count + updated - adoptedUpdates, updated, duplicates);
    }

    // The publication: as the tier rules say, or held under an emergency declaration for the provider's confirmation (Art. 30 (3)).
    private object?[] Row(CatalogItem item, Candidate x, ImportRequest req, long batchId, DateTimeOffset now) =>
    [
        item.Code, x.SubjectId, x.Rec.DocKey, 1, RecordStatus.Active.Code, x.Rec.Serious, x.Rec.DecisionDate, x.Rec.PublicUntil, x.Rec.RepairFrom, false,
        x.Rec.Region, Authority(item, x.Rec), x.Json, x.Hash, req.Provider.Code, req.Channel, batchId, now, now,
        x.Rec.Severity, x.Rec.TierRule, x.Publication,
    ];

    private sealed record HeldRecord(long Id, int Version, string ContentHash, long? BatchId, string Provider);

    /// <summary>PostgreSQL: a probe of <c>records_key</c> for each key of a slice. A LATERAL subquery with a LIMIT is
    /// never flattened into a join, so the plan is one index probe a key whatever the planner believes of the table:
    /// with the statistics of a table the load itself is filling (autovacuum analyzes it only now and then), a plain
    /// join was planned as a hash of every record of the item (90-120 ms a slice at 160,000 records, growing with the
    /// store) or a scan of records_key for every key (docs/performance.md).</summary>
    private const string ProbeRecords =
        " FROM unnest(@sids, @keys) AS k(s, d) CROSS JOIN LATERAL (SELECT {0} FROM records r WHERE r.subject_id = k.s AND r.item = @item AND r.doc_key = k.d LIMIT 1) r";

    /// <summary>PostgreSQL: which of the candidates the store already holds (one round trip).</summary>
    private static HashSet<(long, string)> ExistingKeys(DbConnection c, DbTransaction tx, string item, List<Candidate> xs) =>
        c.Query<(long, string)>(
            "SELECT k.s, k.d" + string.Format(ProbeRecords, "1"),
            new { item, sids = xs.Select(x => x.SubjectId).ToArray(), keys = xs.Select(x => x.Rec.DocKey).ToArray() }, tx).ToHashSet();

    /// <summary>The stored state of records the store already holds.</summary>
    private Dictionary<(long, string), HeldRecord> Held(DbConnection c, DbTransaction tx, string item, List<Candidate> xs)
    {
        const string Columns = "r.id, r.version, r.subject_id, r.doc_key, r.content_hash, r.batch_id, r.provider";
        var rows = db.Dialect == Dialect.Postgres
            ? c.Query<(long Id, int Version, long SubjectId, string DocKey, string Hash, long? BatchId, string Provider)>(
                "SELECT " + Columns + string.Format(ProbeRecords, Columns),
                new { item, sids = xs.Select(x => x.SubjectId).ToArray(), keys = xs.Select(x => x.Rec.DocKey).ToArray() }, tx).ToList()
            : xs.Select(x => c.QueryFirst<(long Id, int Version, long SubjectId, string DocKey, string Hash, long? BatchId, string Provider)>(
                "SELECT " + Columns + " FROM records r WHERE r.subject_id = @s AND r.item = @item AND r.doc_key = @d", new { s = x.SubjectId, item, d = x.Rec.DocKey }, tx)).ToList();
        return rows.ToDictionary(r => (r.SubjectId, r.DocKey), r => new HeldRecord(r.Id, r.Version, r.Hash, r.BatchId, r.Provider));
    }

    private static string? LegalRep(CatalogItem item, ValidRecord rec) => ValueOf(item, rec, FieldRole.LegalRepresentative);

    internal static string? Authority(CatalogItem item, ValidRecord rec) => ValueOf(item, rec, FieldRole.AuthorityName);

    private static string? ValueOf(CatalogItem item, ValidRecord rec, FieldRole role)
    {
        for (var i = 0; i < item.Fields.Count; i++) if (item.Fields[i].Role == role) return rec.Values[i];
        return null;
    }

    private DbTransaction BeginWrite(DbConnection c) =>
        c is Microsoft.Data.Sqlite.SqliteConnection lite ? lite.BeginTransaction(deferred: false) : c.BeginTransaction();

    private (long BatchId, ImportResult? Replay, HashSet<long> Earlier) OpenBatch(ImportRequest req)
    {
        var now = clock.GetUtcNow();
        var key = req.BatchKey ?? $"{req.Channel}:{Guid.NewGuid():N}";
        using var c = db.Open();
        var found = c.QueryFirstOrDefault<BatchRecovery.InProgress>(
            $"SELECT {BatchRecovery.Columns} FROM batches WHERE provider = @p AND batch_key = @key", new { p = req.Provider.Code, key });
        // A batch left in progress by a process that died is abandoned here, and this attempt takes its place.
        if (found is not null && !(found.Response is null && BatchRecovery.IsAbandoned(found, now, BatchLease) && BatchRecovery.Abandon(c, found.Id, now)))
            return (found.Id, Replay(found.Response, req), []);
        var insert = db.Dialect == Dialect.Postgres
            ? "INSERT INTO batches (provider, batch_key, item, channel, file_name, received_at, owner, heartbeat_at) VALUES (@p, @key, @item, @channel, @file, @now, @owner, @now) ON CONFLICT (provider, batch_key) DO NOTHING RETURNING id"
            : "INSERT OR IGNORE INTO batches (provider, batch_key, item, channel, file_name, received_at, owner, heartbeat_at) VALUES (@p, @key, @item, @channel, @file, @now, @owner, @now) RETURNING id";
        var id = c.QueryFirstOrDefault<long?>(insert, new { p = req.Provider.Code, key, item = req.Item, channel = req.Channel, file = req.FileName, now, owner = BatchRecovery.Owner });
        if (id is { } newId) return (newId, null, req.BatchKey is null ? [] : BatchRecovery.EarlierAttempts(c, req.Provider.Code, key));
        var raced = c.QueryFirst<(long Id, string? Response)>("SELECT id, response FROM batches WHERE provider = @p AND batch_key = @key", new { p = req.Provider.Code, key });
        return (raced.Id, Replay(raced.Response, req), []);
    }

    private static ImportResult Replay(string? response, ImportRequest req) =>
        response is null
            ? throw new BatchInProgressException(req.BatchKey ?? "")
            : JsonSerializer.Deserialize<ImportResult>(response, StoredJson)! with { Replayed = true };

    private void CloseBatch(long id, ImportResult r, string owner)
    {
        using var c = db.Open();
        var n = c.Execute("UPDATE batches SET finished_at = @now, rows_read = @rows, accepted = @a, updated = @u, duplicates = @d, rejected = @r, response = @json " +
            "WHERE id = @id AND owner = @owner AND finished_at IS NULL",
            new { id, owner, now = clock.GetUtcNow(), rows = r.Rows, a = r.Accepted, u = r.Updated, d = r.Duplicates, r = r.Rejected.Count, json = JsonSerializer.Serialize(r, StoredJson) });
        if (n != 1) throw new BatchTakenOverException(id);
    }

    /// <summary>Adds what a chunk's transaction did to its batch's progress, in that transaction, while this run still
    /// holds the batch (its owner, not finished); otherwise the chunk is not committed: another process took the batch over.</summary>
    private static void WriteProgress(DbConnection c, DbTransaction tx, long batchId, Tally d, int? total, string owner)
    {
        var n = c.Execute("UPDATE batches SET rows_read = rows_read + @RowsRead, accepted = accepted + @Accepted, updated = updated + @Updated, " +
            "duplicates = duplicates + @Duplicates, rejected = rejected + @Rejected, total_rows = COALESCE(@total, total_rows) " +
            "WHERE id = @batchId AND owner = @owner AND finished_at IS NULL",
            new { d.RowsRead, d.Accepted, d.Updated, d.Duplicates, d.Rejected, total, batchId, owner }, tx);
        if (n != 1) throw new BatchTakenOverException(batchId);
    }
}

/// <summary>
/// Something that acts when records of an item were stored (e.g. a court's 失信被执行人 records put their subjects on
/// the DishonestyList, Art. 28). Called after the batch is complete, with the batch whose new and updated records carry
/// <c>records.batch_id</c>.
/// </summary>
public interface IBatchLoadedHandler
{
    /// <summary>Reacts to the records of <paramref name="item"/> stored by batch <paramref name="batchId"/>.</summary>
    void OnBatchLoaded(CatalogItem item, long batchId);
}

/// <summary>A batch's progress as committed with a chunk: every row read so far is accepted, a duplicate or rejected
/// (<c>RowsRead == Accepted + Duplicates + Rejected</c>); <paramref name="Total"/> is the input's row count if known.</summary>
public sealed record BatchProgress(long BatchId, int RowsRead, int Accepted, int Updated, int Duplicates, int Rejected, int? Total);

/// <summary>The batch was taken over by another process (its claim lapsed): this run stops without writing more.</summary>
public sealed class BatchTakenOverException(long batchId)
    : Exception(RowProblems.BatchTakenOver(batchId));

/// <summary>The same batch is still being processed.</summary>
public sealed class BatchInProgressException(string batchKey)
    : Exception(RowProblems.BatchInProgress(batchKey));
