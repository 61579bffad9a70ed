using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Xinyong.Catalog;
using Xinyong.Collection.Sources;
using Xinyong.Storage.Collection;

namespace Xinyong.Cli;

/// <summary>
/// What <c>xinyong import</c> shows: on a terminal, a progress bar (share of the file read, rows and rows per second) on
/// standard error while the file loads; then a summary for people on standard output (<c>--json</c>: the JSON line
/// instead, as the API answers).
/// </summary>
public static class ImportOutput
{
    /// <summary>Rejected rows the summary lists (all of them are in <c>--json</c> and in the portal's CSV).</summary>
    public const int Listed = 10;

    /// <summary>Whether a progress bar can be drawn: standard error is the process's own and a terminal.</summary>
    public static bool Terminal(TextWriter err) => ReferenceEquals(err, Console.Error) && !Console.IsErrorRedirected && !Console.IsOutputRedirected;

    /// <summary>Runs an import, with a progress bar when <paramref name="bar"/>.</summary>
    public static (ImportResult Result, TimeSpan Took) Run(Func<IRecordSource, ImportResult> import, Stream file, Func<Stream, IRecordSource> open, bool bar)
    {
        var watch = Stopwatch.StartNew();
        using var counted = new CountingStream(file);
        if (!bar)
        {
            using var plain = open(counted);
            return (import(plain), watch.Elapsed);
        }
        ImportResult? result = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("读取文件", maxValue: Math.Max(1, counted.Length));
                using var source = new CountingSource(open(counted), rows =>
                {
                    task.Value = counted.Position;
                    var rate = rows / Math.Max(0.001, watch.Elapsed.TotalSeconds);
                    task.Description = $"{rows.ToString("N0", CultureInfo.InvariantCulture)} 行 · {rate.ToString("N0", CultureInfo.InvariantCulture)} 行/秒";
                });
                result = import(source);
                task.Value = task.MaxValue;
            });
        return (result!, watch.Elapsed);
    }

    /// <summary>The summary for people.</summary>
    public static void Summary(TextWriter o, ImportResult r, CatalogItem? item, string file, TimeSpan took)
    {
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        var rate = r.Rows / Math.Max(0.001, took.TotalSeconds);
        o.WriteLine($"导入完成：{file}（{item?.Name ?? r.Item}），第 {r.BatchId} 批{(r.Replayed ? "（同一批次此前已导入，结果不变）" : "")}");
        o.WriteLine($"  读取 {N(r.Rows)} 行：新增 {N(r.Accepted)} 行，更新 {N(r.Updated)} 行，与已有信息相同 {N(r.Duplicates)} 行，未通过校验 {N(r.Rejected.Count)} 行");
        o.WriteLine($"  用时 {took.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} 秒，约 {N((long)rate)} 行/秒");
        foreach (var w in r.Warnings) o.WriteLine($"  提示：{w.Message.Split(" / ")[0]}");
        if (r.Rejected.Count == 0) return;
        o.WriteLine(r.Rejected.Count > Listed ? $"  未通过校验的行（前 {Listed} 行）：" : "  未通过校验的行：");
        foreach (var row in r.Rejected.Take(Listed))
            o.WriteLine($"    第 {row.Row} 行：{string.Join("；", row.Errors.Select(e => Reason(item?.Field(e.Field)?.Label ?? e.Field, e.Message.Split(" / ")[0])))}");
        o.WriteLine($"  全部未通过校验的行：加 --json 运行，或在门户“数据报送”中下载第 {r.BatchId} 批的 CSV（行号、字段、原因）");
    }

    /// <summary>A reason with its field, unless the reason names the field first already.</summary>
    private static string Reason(string field, string message) => message.StartsWith(field, StringComparison.Ordinal) ? message : $"{field}：{message}";

    /// <summary>A read-only stream that tells how far it has been read.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        private long _read;
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.CanSeek ? inner.Length : 0;
        public override long Position { get => inner.CanSeek ? inner.Position : _read; set => inner.Position = value; }
        public override int Read(byte[] buffer, int offset, int count) { var n = inner.Read(buffer, offset, count); _read += n; return n; }
        public override int Read(Span<byte> buffer) { var n = inner.Read(buffer); _read += n; return n; }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }

    /// <summary>A source that reports every 500th row it yields.</summary>
    private sealed class CountingSource(IRecordSource inner, Action<long> progress) : IRecordSource
    {
        public IReadOnlyCollection<string> UnknownColumns => inner.UnknownColumns;

        public IEnumerable<SourceRow> Rows(CatalogItem item)
        {
            long n = 0;
            foreach (var row in inner.Rows(item))
            {
                if (++n % 500 == 0) progress(n);
                yield return row;
            }
            progress(n);
        }

        public void Dispose() => inner.Dispose();
    }
}
