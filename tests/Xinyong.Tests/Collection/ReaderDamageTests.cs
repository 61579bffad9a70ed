using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xinyong.Storage.Accounts;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Collection;

/// <summary>
/// No silent loss in collection, on both stores: every row sent is accepted, a duplicate or rejected naming its line, or
/// the file is refused whole naming the line where it goes wrong (unclosed quotes, damaged workbooks, broken JSON lines,
/// mixed or undetectable encodings).
/// </summary>
public class ReaderDamageTests
{
    private static readonly Encoding Gb = GbEncoding();

    private static Encoding GbEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    /// <summary>Ten valid penalty rows of one company (spreadsheet rows 2-11), with distinct decision numbers.</summary>
    private static List<string[]> TenRows(string uscc, string tag) =>
        Enumerable.Range(1, 10).Select(i => Penalty("哈尔滨引号测试有限公司", uscc, $"哈市监罚〔2026〕{tag}{i:00}号")).ToList();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Import(HttpClient client, byte[] file, string name)
    {
        var form = new MultipartFormDataContent { { new StringContent("admin-penalty"), "item" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        var r = await client.PostAsync("/api/v1/imports", form);
        return (r.StatusCode, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static void AssertAccounted(JsonElement r, int rows)
    {
        Assert.Equal(rows, r.GetProperty("rows").GetInt32());
        Assert.Equal(rows, r.GetProperty("accepted").GetInt32() + r.GetProperty("duplicates").GetInt32() + r.GetProperty("rejected").GetArrayLength());
    }

    private static async Task<int> Records(TestPlatform p, string uscc)
    {
        var (status, subject) = await p.GetJson($"/api/v1/subjects/{uscc}");
        return status == 404 ? 0 : subject.GetProperty("records").GetArrayLength();
    }

    private static (TestPlatform P, HttpClient Client) Provider(TestPlatform p) =>
        (p, p.As(p.Account(AccountKinds.Provider, "HRB-SJ", "哈尔滨市示例市场监督管理局", "admin-penalty")));

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_unclosed_quote_is_one_rejected_row_naming_its_line_and_the_rows_after_it_are_read(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var (_, client) = Provider(p);

        // Row 4 (the third data row) opens a quote that nothing closes: it used to swallow rows 5-11 into one field.
        var co = Uscc("MA1QT0001");
        var lines = Csv(PenaltyHeaders, TenRows(co, "71")).Split("\r\n").ToList();
        lines[3] = "\"" + lines[3];
        var (status, r) = await Import(client, Encoding.UTF8.GetBytes(string.Join("\r\n", lines)), "quote.csv");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertAccounted(r, 10);
        Assert.Equal(9, r.GetProperty("accepted").GetInt32());
        var bad = Assert.Single(r.GetProperty("rejected").EnumerateArray());
        Assert.Equal(4, bad.GetProperty("row").GetInt32());
        var error = Assert.Single(bad.GetProperty("errors").EnumerateArray());
        Assert.Equal("unterminated-quote", error.GetProperty("code").GetString());
        Assert.Contains("文件第4行", error.GetProperty("message").GetString());
        Assert.Contains("没有结束引号", error.GetProperty("message").GetString());
        Assert.Equal(9, await Records(p, co));

        // The quote of row 4 closes at a later row's quoted field (followed by text): the same damage, found there.
        var co2 = Uscc("MA1QT0002");
        var rows = TenRows(co2, "72");
        rows[6] = Penalty("哈尔滨引号测试有限公司", co2, "哈市监罚〔2026〕7207号", overrides: ("违法事实", "超范围经营,未按规定公示"));   // quoted: holds a comma
        lines = Csv(PenaltyHeaders, rows).Split("\r\n").ToList();
        Assert.Contains("\"超范围经营,", lines[7]);
        lines[3] = "\"" + lines[3];
        (status, r) = await Import(client, Encoding.UTF8.GetBytes(string.Join("\r\n", lines)), "quote2.csv");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertAccounted(r, 10);
        Assert.Equal((9, 4), (r.GetProperty("accepted").GetInt32(), Assert.Single(r.GetProperty("rejected").EnumerateArray()).GetProperty("row").GetInt32()));
        Assert.Equal(9, await Records(p, co2));

        // A cell of several lines, properly quoted, is still one row (row numbers are the spreadsheet's).
        var co3 = Uscc("MA1QT0003");
        rows = TenRows(co3, "73");
        rows[1] = Penalty("哈尔滨引号测试有限公司", co3, "哈市监罚〔2026〕7302号", overrides: ("违法事实", "第一项：超范围经营\n第二项：未按规定公示"));
        (status, r) = await Import(client, Encoding.UTF8.GetBytes(Csv(PenaltyHeaders, rows)), "cells.csv");
        AssertAccounted(r, 10);
        Assert.Equal(10, r.GetProperty("accepted").GetInt32());
        var (_, subject) = await p.GetJson($"/api/v1/subjects/{co3}");
        Assert.Contains(subject.GetProperty("records").EnumerateArray(), x => x.GetProperty("fields").GetProperty("facts").GetString() == "第一项：超范围经营 第二项：未按规定公示");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_file_of_mixed_or_undetectable_encoding_is_refused_whole_naming_the_first_bad_line(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var (_, client) = Provider(p);
        var co = Uscc("MA1ENC001");
        var rows = TenRows(co, "81");
        var header = Encoding.UTF8.GetBytes(Csv(PenaltyHeaders, []));
        byte[] Utf8Rows(IEnumerable<string[]> rs) => Encoding.UTF8.GetBytes(Csv(PenaltyHeaders, rs))[header.Length..];

        async Task Refused(byte[] file, params string[] says)
        {
            var (status, r) = await Import(client, file, "enc.csv");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            foreach (var s in says) Assert.Contains(s, r.GetProperty("detail").GetString());
            Assert.Equal(0, await Records(p, co));
        }

        // UTF-8 with one invalid byte in the fifth data row (line 6).
        var bytes = Encoding.UTF8.GetBytes(Csv(PenaltyHeaders, rows));
        var line6 = Nth(bytes, (byte)'\n', 5) + 5;
        bytes[line6] = 0xFF;
        await Refused(bytes, "第6行", "UTF-8");

        // A GB18030 row (line 4) inside a UTF-8 file.
        var mixed = header.Concat(Utf8Rows(rows[..2])).Concat(Gb.GetBytes(Csv(PenaltyHeaders, rows[2..3]))[Gb.GetBytes(Csv(PenaltyHeaders, [])).Length..]).Concat(Utf8Rows(rows[3..])).ToArray();
        await Refused(mixed, "编码不一致", "第4行", "GB18030");

        // A UTF-8 row (line 3) inside a GB18030 file.
        var gbHeader = Gb.GetBytes(Csv(PenaltyHeaders, []));
        var gbMixed = gbHeader.Concat(Gb.GetBytes(Csv(PenaltyHeaders, rows[..1]))[gbHeader.Length..]).Concat(Utf8Rows(rows[1..2])).Concat(Gb.GetBytes(Csv(PenaltyHeaders, rows[2..]))[gbHeader.Length..]).ToArray();
        await Refused(gbMixed, "编码不一致", "第3行", "UTF-8");

        // Damage beyond the first 64 KiB (where the encoding used to be guessed): refused too, nothing half loaded.
        var many = Enumerable.Range(1, 400).Select(i => Penalty("哈尔滨引号测试有限公司", co, $"哈市监罚〔2026〕9{i:000}号")).ToList();
        var big = Encoding.UTF8.GetBytes(Csv(PenaltyHeaders, many));
        Assert.True(big.Length > 1 << 16);
        big[Nth(big, (byte)'\n', 350) + 5] = 0xC0;
        await Refused(big, "第351行");

        // UTF-16 without a byte order mark cannot be told: refused, saying so.
        await Refused(Encoding.Unicode.GetBytes(Csv(PenaltyHeaders, rows)), "UTF-16", "BOM");

        // UTF-16 with its BOM, and clean GB18030, load.
        var (s16, r16) = await Import(client, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv(PenaltyHeaders, rows[..5]))], "utf16.csv");
        Assert.Equal(HttpStatusCode.OK, s16);
        AssertAccounted(r16, 5);
        Assert.Equal(5, r16.GetProperty("accepted").GetInt32());
        var (sgb, rgb) = await Import(client, Gb.GetBytes(Csv(PenaltyHeaders, rows[5..])), "gbk.csv");
        Assert.Equal(HttpStatusCode.OK, sgb);
        Assert.Equal(5, rgb.GetProperty("accepted").GetInt32());
        var (_, subject) = await p.GetJson($"/api/v1/subjects/{co}");
        Assert.Equal(10, subject.GetProperty("records").GetArrayLength());
        Assert.Equal("哈尔滨引号测试有限公司", subject.GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_broken_json_line_is_one_rejected_row_and_a_damaged_workbook_is_refused_whole(string store)
    {
        await using var p = await TestPlatform.Start(store);
        var (_, client) = Provider(p);
        var co = Uscc("MA1JXL001");
        var rows = TenRows(co, "91");
        var json = rows.Select(r => JsonSerializer.Serialize(PenaltyHeaders.Zip(r).ToDictionary(x => x.First, x => x.Second))).ToList();
        json[4] = json[4][..^10];   // line 5 cut short
        json.Insert(7, "[1, 2]");   // line 8 is JSON but not an object
        var (status, r) = await Import(client, Encoding.UTF8.GetBytes(string.Join("\n", json)), "rows.jsonl");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertAccounted(r, 11);
        Assert.Equal(9, r.GetProperty("accepted").GetInt32());
        var rejected = r.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([5, 8], rejected.Select(x => x.GetProperty("row").GetInt32()));
        Assert.All(rejected, x => Assert.Equal("malformed-json", x.GetProperty("errors")[0].GetProperty("code").GetString()));
        Assert.Contains("文件第5行不是有效的JSON", rejected[0].GetProperty("errors")[0].GetProperty("message").GetString());

        // JSON lines must be UTF-8: a GB18030 file is refused naming its line.
        var gbJson = Gb.GetBytes(JsonSerializer.Serialize(PenaltyHeaders.Zip(TenRows(Uscc("MA1JXL002"), "92")[0]).ToDictionary(x => x.First, x => x.Second),
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        (status, r) = await Import(client, gbJson, "gb.jsonl");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("第1行不是UTF-8编码", r.GetProperty("detail").GetString());

        // A workbook whose worksheet breaks off after row 6: refused whole, naming row 7; nothing loaded.
        var co2 = Uscc("MA1JXL003");
        using var ms = new MemoryStream();
        Xinyong.Synthetic.SyntheticFiles.WriteXlsx(ms, PenaltyHeaders, TenRows(co2, "93"));
        var broken = Truncate(ms.ToArray(), afterRow: 6);
        (status, r) = await Import(client, broken, "broken.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(r.GetProperty("detail").GetString()!.Contains("第7行"), r.GetProperty("detail").GetString());
        Assert.Equal(0, await Records(p, co2));
        (status, r) = await Import(client, ms.ToArray(), "whole.xlsx");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertAccounted(r, 10);
        Assert.Equal(10, await Records(p, co2));
    }

    /// <summary>A copy of a workbook whose worksheet XML stops in the middle of the row after <paramref name="afterRow"/>.</summary>
    private static byte[] Truncate(byte[] xlsx, int afterRow)
    {
        using var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var r = new StreamReader(entry.Open())) xml = r.ReadToEnd();
            var cut = xml.IndexOf($"<row r=\"{afterRow + 1}\">", StringComparison.Ordinal);
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false));
            w.Write(xml[..(cut + 40)]);
        }
        return ms.ToArray();
    }

    /// <summary>The index of the n-th (1-based) occurrence of a byte.</summary>
    private static int Nth(byte[] bytes, byte b, int n)
    {
        var at = -1;
        for (var i = 0; i < n; i++) at = Array.IndexOf(bytes, b, at + 1);
        return at;
    }
}
