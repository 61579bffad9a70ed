using System.Text.Json;
using Dapper;

namespace Xinyong.Storage.Collection;

/// <summary>A batch a provider sent, as its history lists it.</summary>
public sealed record BatchRow
{
    public long Id { get; init; }
    public string Provider { get; init; } = "";
    public string Item { get; init; } = "";
    public string Channel { get; init; } = "";
    public string? FileName { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int Accepted { get; init; }
    public int Updated { get; init; }
    public int Duplicates { get; init; }
    public int Rejected { get; init; }
    /// <summary>The batch's result as the pipeline stored it (with every rejected row); null while it runs.</summary>
    public string? Response { get; init; }
    /// <summary>Rows read so far (committed with each chunk); all of them once finished.</summary>
    public int RowsRead { get; init; }
    /// <summary>The file's row count when known cheaply (an upper estimate for text files), else null.</summary>
    public int? TotalRows { get; init; }
    /// <summary>Why a background batch could not be completed (Chinese), or null.</summary>
    public string? Error { get; init; }
    /// <summary>The process (and claim) loading the batch; null for a file still waiting for a worker.</summary>
    public string? Owner { get; init; }

    /// <summary>Whether the batch was abandoned (the process stopped during it) or failed: finished, without a result.</summary>
    public bool Failed => FinishedAt is not null && Response is null;

    /// <summary><c>queued</c> (a file waiting for the worker), <c>processing</c>, <c>done</c> or <c>failed</c>.</summary>
    public string State => FinishedAt is not null ? (Response is null ? "failed" : "done") : Owner is null ? "queued" : "processing";

    /// <summary>The end of the progress bar: the file's row count, at least the rows already read; null when unknown.</summary>
    public int? ProgressMax => TotalRows is { } t ? Math.Max(t, RowsRead) : null;
}

/// <summary>A provider's batches, newest first, and each batch's rejected rows.</summary>
public sealed class BatchHistory(Database db)
{
    private static readonly JsonSerializerOptions Stored = new(JsonSerializerDefaults.Web);

    private const string Columns = "id, provider, item, channel, file_name AS FileName, received_at AS ReceivedAt, finished_at AS FinishedAt, accepted, updated, duplicates, rejected, " +
        "rows_read AS RowsRead, total_rows AS TotalRows, error, owner";

    /// <summary>The newest <paramref name="take"/> batches of a provider (without their results).</summary>
    public IReadOnlyList<BatchRow> Of(string provider, int take)
    {
        using var c = db.Open();
        return c.Query<BatchRow>($"SELECT {Columns} FROM batches WHERE provider = @provider ORDER BY received_at DESC, id DESC LIMIT @take", new { provider, take }).ToList();
    }

    /// <summary>One batch with its result, or null.</summary>
    public BatchRow? Get(long id)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<BatchRow>($"SELECT {Columns}, response FROM batches WHERE id = @id", new { id });
    }

    /// <summary>The stored result of a finished batch (its rejected rows with their reasons), or null.</summary>
    public static ImportResult? ResultOf(BatchRow b) => b.Response is null ? null : JsonSerializer.Deserialize<ImportResult>(b.Response, Stored);
}
