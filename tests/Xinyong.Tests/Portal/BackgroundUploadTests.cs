using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Tests.Support;
using Xinyong.Web.Features.Collection;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;
using Kit = Xinyong.Tests.Objections.Kit;

namespace Xinyong.Tests.Portal;

/// <summary>What tests of background uploads share: posting on the portal and waiting for a batch to end.</summary>
public static class Uploads
{
    /// <summary>Posts a file on <c>/provider/upload</c>; answers the response (a redirect to the batch when accepted).</summary>
    public static async Task<HttpResponseMessage> Post(HttpClient web, string item, string csv, string name)
    {
        var form = await web.GetStringAsync("/provider/upload");
        var content = new MultipartFormDataContent
        {
            { new StringContent(item), "Item" },
            { new StringContent(Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "File", name);
        return await web.PostAsync("/provider/upload", content);
    }

    /// <summary>Waits until no spool file is left: the worker deletes a batch's file just after the batch has ended.</summary>
    public static async Task SpoolEmptied(TestPlatform p)
    {
        var folder = p.Services.GetRequiredService<UploadSpool>().Folder;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Directory.GetFiles(folder).Length > 0)
        {
            Assert.True(DateTime.UtcNow < until, $"spool files left: {string.Join(", ", Directory.GetFiles(folder))}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the batch has ended (done or failed) and answers its API resource.</summary>
    public static async Task<JsonElement> Ended(TestPlatform p, HttpClient api, long id)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var (status, b) = await p.GetJson($"/api/v1/imports/{id}", api);
            Assert.Equal(200, status);
            if (b.GetProperty("state").GetString() is "done" or "failed") return b;
            Assert.True(DateTime.UtcNow < until, $"batch {id} did not end: {b}");
            await Task.Delay(50);
        }
    }
}

/// <summary>
/// Issue 18 item 4: a provider's web upload answers at once with the batch "processing", the background worker loads it
/// chunk by chunk with its counts committed with each chunk (visible part way, on the page and through the API), and a batch
/// left processing by an instance that stopped is completed, exactly once, by the next instance to start.
/// </summary>
public class BackgroundUploadTests
{
    private const string Name = "哈尔滨后台上传示例有限公司";

    /// <summary>25 data rows: the 5th has an impossible date (spreadsheet row 6), the 19th repeats the 3rd word for word.</summary>
    private static string File25()
    {
        var rows = Enumerable.Range(1, 25).Select(i => Penalty(Name, Uscc("MA1BGUP01"), $"哈市监罚〔2026〕83{i:00}号", i == 5 ? "2026-13-40" : "2026-10-12")).ToList();
        rows[18] = rows[2];
        return Csv(PenaltyHeaders, rows);
    }

    private static long Scalar(TestPlatform p, string sql, object? args = null)
    {
        using var c = p.Services.GetRequiredService<Database>().Open();
        return c.ExecuteScalar<long>(sql, args);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_portal_upload_is_processing_at_once_shows_its_counts_part_way_and_is_done_later(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var token = p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty");
        var web = await Kit.StaffPortal(p, "HRB-SJ", token);
        var api = p.As(token);
        var pipeline = p.Services.GetRequiredService<CollectionPipeline>();
        pipeline.ChunkSize = 10;
        pipeline.Loaders = 1;   // one loader: the first chunk is the file's first rows
        // The worker stops after its first chunk committed, until the test has looked: no sleeping and hoping.
        using var reached = new SemaphoreSlim(0);
        using var gate = new SemaphoreSlim(0);
        var progress = new ConcurrentQueue<BatchProgress>();
        pipeline.ChunkCommitted += x =>
        {
            progress.Enqueue(x);
            if (progress.Count == 1) { reached.Release(); gate.Wait(); }
        };

        var posted = await Uploads.Post(web, "admin-penalty", File25(), "十一月处罚.csv");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var url = posted.Headers.Location!.OriginalString;
        Assert.Matches("^/provider/batches/[0-9]+$", url);
        var id = long.Parse(url.Split('/')[^1]);
        Assert.True(await reached.WaitAsync(TimeSpan.FromSeconds(60)), "the worker did not load the first chunk");

        // Part way: the first chunk (10 valid rows; the bad row among them read and rejected) and its counts, nothing more.
        var (status, page) = await Page(web, url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("processing", page.QuerySelector("#state")!.GetAttribute("data-state"));
        Assert.Contains("处理中", page.QuerySelector("#state")!.TextContent);
        Assert.Equal("2", page.QuerySelector("meta[http-equiv=refresh]")!.GetAttribute("content"));
        var bar = page.QuerySelector("progress#progress")!;
        Assert.Equal(("11", "25"), (bar.GetAttribute("value"), bar.GetAttribute("max")));
        Assert.Equal("11", page.QuerySelector("[data-count=rows]")!.TextContent);
        Assert.Equal("10", page.QuerySelector("[data-count=accepted]")!.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-count=rejected]")!.TextContent);
        Assert.Equal("0", page.QuerySelector("[data-count=duplicates]")!.TextContent);
        Assert.Null(page.QuerySelector("#rejected"));
        Assert.Equal(10, Scalar(p, "SELECT COUNT(*) FROM records WHERE batch_id = @id", new { id }));

        var (_, live) = await p.GetJson($"/api/v1/imports/{id}", api);
        Assert.Equal("processing", live.GetProperty("state").GetString());
        Assert.Equal((11, 25, 10, 1, 0), (live.GetProperty("rowsRead").GetInt32(), live.GetProperty("totalRows").GetInt32(),
            live.GetProperty("accepted").GetInt32(), live.GetProperty("rejected").GetInt32(), live.GetProperty("duplicates").GetInt32()));
        var (_, history) = await Page(web, "/provider/batches");
        Assert.Equal("processing", history.QuerySelector($"#batches tr[data-batch='{id}'] td[data-state]")!.GetAttribute("data-state"));
        Assert.Equal("11", history.QuerySelector($"#batches tr[data-batch='{id}'] td[data-label=已读取]")!.TextContent);

        // Then done: the result as before, no more reloading.
        gate.Release();
        var done = await Uploads.Ended(p, api, id);
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Equal((25, 23, 1, 1), (done.GetProperty("rowsRead").GetInt32(), done.GetProperty("accepted").GetInt32(),
            done.GetProperty("duplicates").GetInt32(), done.GetProperty("rejected").GetInt32()));
        (_, page) = await Page(web, url);
        Assert.Equal("done", page.QuerySelector("#state")!.GetAttribute("data-state"));
        Assert.Equal("已完成", page.QuerySelector("#state")!.TextContent);
        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Null(page.QuerySelector("progress"));
        Assert.Equal("25", page.QuerySelector("[data-count=rows]")!.TextContent);
        Assert.Equal("23", page.QuerySelector("[data-count=accepted]")!.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-count=duplicates]")!.TextContent);
        Assert.Equal("6", page.QuerySelector("#rejected tbody tr td")!.TextContent);
        Assert.Equal(23, Scalar(p, "SELECT COUNT(*) FROM records WHERE batch_id = @id", new { id }));
        var csv = Encoding.UTF8.GetString(await web.GetByteArrayAsync($"/provider/batches/{id}/rejected.csv")).TrimStart('\uFEFF');
        Assert.StartsWith("行号,字段,原因\r\n6,处罚决定日期,", csv);

        // Every chunk's counts added up to the rows read, and grew.
        var seen = progress.Where(x => x.BatchId == id).ToList();
        Assert.Equal(3, seen.Count);
        Assert.All(seen, x => Assert.Equal(x.RowsRead, x.Accepted + x.Duplicates + x.Rejected));
        Assert.Equal([11, 21, 25], seen.Select(x => x.RowsRead));

        // The API's asynchronous import: 202 at once with the batch's address, the same resource, the spool file removed.
        var form = new MultipartFormDataContent { { new StringContent("admin-penalty"), "item" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Csv(PenaltyHeaders,
            [Penalty(Name, Uscc("MA1BGUP01"), "哈市监罚〔2026〕8401号"), Penalty(Name, Uscc("MA1BGUP01"), "哈市监罚〔2026〕8402号")])));
        form.Add(file, "file", "接口异步.csv");
        var accepted = await api.PostAsync("/api/v1/imports?async=true", form);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var body = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement;
        var asyncId = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/imports/{asyncId}", accepted.Headers.Location!.OriginalString);
        Assert.Contains(body.GetProperty("state").GetString(), new[] { "queued", "processing", "done" });
        var asyncDone = await Uploads.Ended(p, api, asyncId);
        Assert.Equal(("done", "file", 2, 2), (asyncDone.GetProperty("state").GetString(), asyncDone.GetProperty("channel").GetString(),
            asyncDone.GetProperty("rowsRead").GetInt32(), asyncDone.GetProperty("accepted").GetInt32()));
        await Uploads.SpoolEmptied(p);

        // Another provider finds neither batch.
        var other = p.As(p.Account(AccountKinds.Provider, "HRB-XX", "哈尔滨市另一示例局", "admin-penalty"));
        Assert.Equal(404, (await p.GetJson($"/api/v1/imports/{id}", other)).Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_file_that_cannot_be_read_ends_the_batch_with_its_reason_in_chinese(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var token = p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty");
        var web = await Kit.StaffPortal(p, "HRB-SJ", token);
        var posted = await Uploads.Post(web, "admin-penalty", "\n", "空表.csv");   // no header row
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = long.Parse(posted.Headers.Location!.OriginalString.Split('/')[^1]);
        var ended = await Uploads.Ended(p, p.As(token), id);
        Assert.Equal("failed", ended.GetProperty("state").GetString());
        var (_, page) = await Page(web, $"/provider/batches/{id}");
        Assert.Equal("未完成", page.QuerySelector("#state")!.TextContent);
        var error = page.QuerySelector("#batch-error")!.TextContent;
        Assert.StartsWith("文件无法读取：", error);
        Assert.Equal(error, ended.GetProperty("error").GetString());
        Assert.DoesNotMatch("[A-Za-z]", error);
        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
        await Uploads.SpoolEmptied(p);
    }

    /// <summary>The first instance "dies" once it has committed a chunk: it gives no sign of life from then on.</summary>
    private sealed class Killed : Exception;

    /// <summary>The instance stops giving signs of life (another host, or a frozen process): the next instance to start,
    /// later than its last heartbeat plus the lease, resumes the batch.</summary>
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public Task A_batch_left_processing_by_a_silent_instance_is_completed_exactly_once_on_the_next_start(string store) =>
        Resumed(store, processGone: false);

    /// <summary>The instance's process is gone (killed): the next instance resumes the batch at once, without the lease.</summary>
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public Task A_batch_left_processing_by_a_killed_process_is_completed_exactly_once_on_the_next_start(string store) =>
        Resumed(store, processGone: true);

    private static async Task Resumed(string store, bool processGone)
    {
        await using var first = await TestPlatform.Start(store);
        var token = first.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty");
        var web = await Kit.StaffPortal(first, "HRB-SJ", token);
        var pipeline = first.Services.GetRequiredService<CollectionPipeline>();
        pipeline.ChunkSize = 10;
        pipeline.Loaders = 1;   // one loader: the first chunk is the file's first rows
        using var reached = new SemaphoreSlim(0);
        using var gate = new SemaphoreSlim(0);
        var chunks = 0;
        pipeline.ChunkCommitted += _ =>
        {
            if (Interlocked.Increment(ref chunks) != 1) return;
            reached.Release();
            gate.Wait();
            throw new Killed();
        };
        var rows = Enumerable.Range(1, 35).Select(i => Penalty($"哈尔滨续传上传{i:00}有限公司", Uscc($"MA1BK{i:0000}"), $"哈市监罚〔2026〕85{i:00}号")).ToList();
        var posted = await Uploads.Post(web, "admin-penalty", Csv(PenaltyHeaders, rows), "续传.csv");
        var id = long.Parse(posted.Headers.Location!.OriginalString.Split('/')[^1]);
        Assert.True(await reached.WaitAsync(TimeSpan.FromSeconds(60)), "the worker did not load the first chunk");
        Assert.Equal(10, Scalar(first, "SELECT COUNT(*) FROM records"));
        Assert.Equal(10, Scalar(first, "SELECT rows_read FROM batches WHERE id = @id", new { id }));

        if (processGone)
        {
            // The claim names a process of this host that has exited (as a killed instance's does once it is gone).
            using var gone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
            await gone.WaitForExitAsync();
            using var c = first.Services.GetRequiredService<Database>().Open();
            Assert.Equal(1, c.Execute("UPDATE batches SET owner = @owner WHERE id = @id", new { owner = $"{Environment.MachineName}/{gone.Id}/0/{Guid.NewGuid():N}", id }));
        }
        // The next instance starts and resumes the batch at once: at the same moment when the process is gone, else later
        // than the first's last heartbeat plus the lease.
        await using var second = await TestPlatform.Start(store, now: processGone ? "2026-11-22T10:00:00+08:00" : "2026-11-22T10:05:00+08:00", on: first.Store);
        var done = await Uploads.Ended(second, second.As(token), id);
        Assert.Equal(("done", 35, 35, 0, 0), (done.GetProperty("state").GetString(), done.GetProperty("rowsRead").GetInt32(),
            done.GetProperty("accepted").GetInt32(), done.GetProperty("duplicates").GetInt32(), done.GetProperty("rejected").GetInt32()));
        Assert.Equal(35, Scalar(second, "SELECT COUNT(*) FROM records"));
        Assert.Equal(35, Scalar(second, "SELECT COUNT(*) FROM records WHERE batch_id = @id", new { id }));
        Assert.Equal(0, Scalar(second, "SELECT COUNT(*) FROM records WHERE batch_id IS NULL OR batch_id < 0"));
        Assert.Equal(1, Scalar(second, "SELECT COUNT(*) FROM batches"));

        // The first instance wakes and fails: it writes nothing over the batch another took over.
        gate.Release();
        await first.App.StopAsync();
        var after = await Uploads.Ended(second, second.As(token), id);
        Assert.Equal(("done", 35, JsonValueKind.Null), (after.GetProperty("state").GetString(), after.GetProperty("accepted").GetInt32(), after.GetProperty("error").ValueKind));
        Assert.Equal(35, Scalar(second, "SELECT COUNT(*) FROM records WHERE batch_id = @id", new { id }));
        await Uploads.SpoolEmptied(second);
    }
}
