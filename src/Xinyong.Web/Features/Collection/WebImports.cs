using Xinyong.Collection.Sources;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;

namespace Xinyong.Web.Features.Collection;

/// <summary>
/// Background imports (issue 18 item 4): the portal's upload (<c>/provider/upload</c>) and the API's asynchronous import
/// (<c>POST /api/v1/imports?async=true</c>) store the file in the spool folder, create the batch "processing" and answer at
/// once; <see cref="WebImportWorker"/> runs the pipeline over it, and the batch's page and resource show its progress.
/// </summary>
public static class WebImports
{
    /// <summary>Registers the spool folder, the queue and the worker.</summary>
    public static void Add(IServiceCollection s)
    {
        s.AddSingleton(sp => new UploadSpool(UploadSpool.FolderFor(sp.GetRequiredService<Secrets>().Directory)));
        s.AddSingleton<WebImportQueue>();
        s.AddSingleton<WebImportWorker>();
        s.AddHostedService(sp => sp.GetRequiredService<WebImportWorker>());
    }

    /// <summary>Stores an uploaded file and queues its batch; answers the batch's id.</summary>
    public static long Enqueue(IServiceProvider sp, Account provider, string item, string channel, IFormFile file, SourceFormat format)
    {
        var spool = sp.GetRequiredService<UploadSpool>();
        using var input = file.OpenReadStream();
        var (path, size, rows) = spool.Save(input, format);
        long id;
        try
        {
            id = sp.GetRequiredService<WebImportQueue>().Enqueue(provider.Code, item, channel, Path.GetFileName(file.FileName), path, size, rows);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        sp.GetRequiredService<WebImportWorker>().Wake();
        return id;
    }
}

/// <summary>
/// Where uploaded files wait for the worker: <c>uploads/</c> beside the keys folder (on the instance's own disk; instances
/// that should finish each other's uploads after a crash share it). Files are written as they arrive, never held in memory.
/// </summary>
public sealed class UploadSpool(string folder)
{
    /// <summary>The spool folder of an instance whose secrets live in <paramref name="keysFolder"/>.</summary>
    public static string FolderFor(string keysFolder) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(keysFolder).TrimEnd(Path.DirectorySeparatorChar)) ?? ".", "uploads");

    /// <summary>The folder.</summary>
    public string Folder { get; } = folder;

    /// <summary>
    /// Copies an upload into a new spool file; answers its path, its size and, for CSV and JSON lines, its data rows
    /// counted on the way (lines, less the header of a CSV: blank lines and quoted line breaks make it an upper estimate).
    /// </summary>
    public (string Path, long Size, int? Rows) Save(Stream input, SourceFormat format)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}{Extension(format)}");
        long size = 0, lines = 0;
        var last = (byte)'\n';
        var buffer = new byte[81920];
        using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            int n;
            while ((n = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, n);
                size += n;
                lines += buffer.AsSpan(0, n).Count((byte)'\n');
                last = buffer[n - 1];
            }
        }
        if (size > 0 && last != (byte)'\n') lines++;
        int? rows = format switch
        {
            SourceFormat.Csv => (int)Math.Min(int.MaxValue, Math.Max(0, lines - 1)),
            SourceFormat.JsonLines => (int)Math.Min(int.MaxValue, lines),
            _ => null,   // a workbook: the source counts its rows on its first pass
        };
        return (path, size, rows);
    }

    private static string Extension(SourceFormat f) => f switch
    {
        SourceFormat.Csv => ".csv",
        SourceFormat.Xlsx => ".xlsx",
        _ => ".jsonl",
    };

    /// <summary>Deletes the spool files no batch needs any more (left by a stop between a batch's end and the file's removal).</summary>
    public void DeleteAllBut(IReadOnlySet<string> inUse)
    {
        if (!Directory.Exists(Folder)) return;
        foreach (var f in Directory.EnumerateFiles(Folder))
            if (!inUse.Contains(f)) File.Delete(f);
    }
}

/// <summary>
/// Runs the queued batches of <see cref="WebImportQueue"/>, one at a time in this instance: at start (resuming batches left
/// "processing" by an instance that was killed or stopped), when a file is queued here, and every
/// <see cref="PollInterval"/> (batches another instance queued or abandoned). A batch that cannot be completed ends with
/// its reason in Chinese; one that another worker took over is left to it.
/// </summary>
public sealed class WebImportWorker(WebImportQueue queue, CollectionPipeline pipeline, AccountStore accounts, UploadSpool spool,
    ILogger<WebImportWorker> log) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>How often the worker looks for batches it was not woken for.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    /// <summary>Asks the worker to look for queued batches now.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try { spool.DeleteAllBut(queue.SpoolsInUse()); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException) { log.LogWarning(ex, "upload spool cleanup failed"); }
        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = false;
            try { ran = await Task.Run(() => RunNext(stoppingToken), stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { log.LogError(ex, "background import failed; looking again in {Interval}", PollInterval); }
            if (ran) continue;
            try { await _wake.WaitAsync(PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Claims and runs one queued batch; false when there was none this instance could take.</summary>
    public bool RunNext(CancellationToken stop)
    {
        foreach (var b in queue.Waiting())
        {
            if (stop.IsCancellationRequested) return false;
            if (!File.Exists(b.Spool)) continue;   // another instance's file: it (or one sharing its folder) runs it
            if (queue.TryClaim(b, pipeline.BatchLease) is not { } claimed) continue;
            Run(claimed, stop);
            return true;
        }
        return false;
    }

    private void Run(ClaimedBatch b, CancellationToken stop)
    {
        try
        {
            var provider = accounts.Get(b.Provider);
            if (provider is null || RecordSources.FormatOf(b.Spool) is not { } format)
            {
                queue.Fail(b, "提供单位账户已不存在，无法处理该批次");
                return;
            }
            using (var source = new Stoppable(RecordSources.Open(File.OpenRead(b.Spool), format), stop))
                pipeline.ImportClaimed(b, provider, source);
            queue.Finished(b);
            TryDelete(b.Spool);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The instance is stopping: the batch stays "processing" and is resumed by the next worker to start.
        }
        catch (BatchTakenOverException)
        {
            log.LogWarning("batch {Batch} was taken over by another worker", b.Id);
        }
        catch (SourceException ex) { End(b, "文件无法读取：" + Chinese(ex.Message)); }
        catch (ItemNotPermittedException) { End(b, "本单位已无权报送该目录项，批次未处理"); }
        catch (Exception ex)
        {
            log.LogError(ex, "batch {Batch} failed", b.Id);
            End(b, "处理中断（平台内部错误），已入库的行保留，请重新上传该文件");
        }
    }

    private void End(ClaimedBatch b, string reason)
    {
        if (queue.Fail(b, reason)) TryDelete(b.Spool);
    }

    private void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException ex) { log.LogWarning(ex, "could not delete the spool file {Path}", path); }
    }

    private static string Chinese(string message) => message.Split(" / ")[0];

    /// <summary>A source that stops (between rows) when the instance stops.</summary>
    private sealed class Stoppable(IRecordSource inner, CancellationToken stop) : IRecordSource, ICountedSource
    {
        public IReadOnlyCollection<string> UnknownColumns => inner.UnknownColumns;

        public int? ExpectedRows => (inner as ICountedSource)?.ExpectedRows;

        public IEnumerable<SourceRow> Rows(CatalogItem item)
        {
            foreach (var r in inner.Rows(item))
            {
                stop.ThrowIfCancellationRequested();
                yield return r;
            }
        }

        public void Dispose() => inner.Dispose();
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
