using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Catalog;
using Xinyong.Collection.Sources;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Reports;
using Xinyong.Storage.Subjects;
using Xinyong.Application.Reports;
using Xinyong.Web.Platform;
using Xinyong.Application.Platform;

namespace Xinyong.Bench;

/// <summary>
/// Issues credit reports the way the platform does for <c>GET /api/v1/subjects/{code}/report.pdf</c>: read the subject's
/// records from a SQLite store, build the report (publication and masking), render, sign, and record it in the register
/// with its audit entry. Then checks the issued file as <c>POST /api/v1/reports/verify</c> does. Prints the median,
/// 95th percentile and maximum per report.
/// </summary>
internal static class ReportIssueBench
{
    private const string Company = "91230103MA1C8FK2X8";
    private const string Authority = "11230100MB0HRBTJ3C";

    public static int Run(string[] args)
    {
        IReadOnlyDictionary<string, int> o;
        try
        {
            o = Options.Parse(args, new Dictionary<string, int> { ["--iterations"] = 100, ["--warmup"] = 10, ["--records"] = 100 });
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"report-issue: {e.Message}");
            return 2;
        }
        var (iterations, warmup, records) = (o["--iterations"], o["--warmup"], o["--records"]);

        var folder = Directory.CreateTempSubdirectory("xinyong-bench-").FullName;
        try
        {
            var options = new PlatformOptions
            {
                Db = Path.Combine(folder, "xinyong.db"), KeysDirectory = Path.Combine(folder, "keys"), Sample = false,
                Clock = new ShiftedClock(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8))), PublicUrl = "https://xinyong.hlj.gov.cn",
            };
            using var sp = new ServiceCollection().AddLogging().AddPlatformCore(options).AddReports(options).BuildServiceProvider();
            Migrator.Migrate(sp.GetRequiredService<Database>());
            Load(sp, records);
            var subject = sp.GetRequiredService<SubjectStore>().Find(Company)!;
            var issuer = sp.GetRequiredService<ReportIssuer>();
            var builder = sp.GetRequiredService<ReportBuilder>();
            var checker = sp.GetRequiredService<ReportChecker>();

            IssuedReportFile last = null!;
            for (var i = 0; i < warmup; i++) last = issuer.Issue(subject, ReportVersions.Public, "public", "bench");
            // The whole issue, then its three parts measured apart: build the model, render and sign, record.
            var issue = new List<double>(iterations);
            var build = new List<double>(iterations);
            var render = new List<double>(iterations);
            var record = new List<double>(iterations);
            var check = new List<double>(iterations);
            var key = sp.GetRequiredService<Xinyong.Reports.ReportSigningKey>();
            var registry = sp.GetRequiredService<ReportRegistry>();
            for (var i = 0; i < iterations; i++)
            {
                var start = Stopwatch.GetTimestamp();
                last = issuer.Issue(subject, ReportVersions.Public, "public", "bench");
                issue.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

                var number = Xinyong.Reports.ReportNumber.New(last.Record.IssuedAt);
                start = Stopwatch.GetTimestamp();
                var model = builder.Build(subject, ReportVersions.Public, new ReportStamp(number, last.Record.AsOf, $"https://xinyong.hlj.gov.cn/verify/{number}", "https://xinyong.hlj.gov.cn/key", key.KeyId));
                build.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

                start = Stopwatch.GetTimestamp();
                var pdf = Xinyong.Reports.ReportSigner.Sign(Xinyong.Reports.CreditReportRenderer.Render(model), number, key);
                render.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

                start = Stopwatch.GetTimestamp();
                registry.Record(last.Record with { ReportNo = number, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)) });
                record.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

                start = Stopwatch.GetTimestamp();
                if (!checker.Check(last.Pdf).Valid) throw new InvalidOperationException("an issued report does not check as valid");
                check.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            var entries = last.Record.Sections.Sum(s => s.Entries);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"credit report issue (SQLite store → model → PDF → signature → register), {entries} entries, {iterations} runs after {warmup} warm-up runs"));
            Console.WriteLine(string.Create(c, $"  machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            Console.WriteLine(string.Create(c, $"  report: {last.Pdf.Length:N0} bytes signed"));
            Console.WriteLine(string.Create(c, $"  issue:   median {Stats.Quantile(issue, 0.5):F1} ms, p95 {Stats.Quantile(issue, 0.95):F1} ms, max {issue.Max():F1} ms"));
            Console.WriteLine(string.Create(c, $"  parts:   build (store read, publication, masking) median {Stats.Quantile(build, 0.5):F2} ms, p95 {Stats.Quantile(build, 0.95):F2} ms"));
            Console.WriteLine(string.Create(c, $"           render + sign median {Stats.Quantile(render, 0.5):F1} ms, p95 {Stats.Quantile(render, 0.95):F1} ms"));
            Console.WriteLine(string.Create(c, $"           record (register + audit chain) median {Stats.Quantile(record, 0.5):F2} ms, p95 {Stats.Quantile(record, 0.95):F2} ms"));
            Console.WriteLine(string.Create(c, $"  online check of the file (signature + register): median {Stats.Quantile(check, 0.5):F2} ms, p95 {Stats.Quantile(check, 0.95):F2} ms"));
            Console.WriteLine(string.Create(c, $"  peak working set: {Stats.PeakWorkingSetMiB():F0} MiB"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One company with <paramref name="records"/> public records through the collection pipeline: 60% licences, 40% penalties.</summary>
    private static void Load(IServiceProvider sp, int records)
    {
        var catalog = sp.GetRequiredService<CatalogSet>();
        var accounts = sp.GetRequiredService<AccountStore>();
        accounts.AddOrUpdate(new NewAccount("BENCH", AccountKinds.Provider, "基准测试提供单位", Items: ["admin-licence", "admin-penalty"]));
        var provider = accounts.Get("BENCH")!;
        var licences = records * 60 / 100;
        Import(sp, provider, catalog.Item("admin-licence")!, Enumerable.Range(0, licences).Select(i => new Dictionary<string, string>
        {
            ["subjectName"] = "哈尔滨喆堃食品有限公司", ["subjectCategory"] = "法人及非法人组织", ["uscc"] = Company, ["legalRepresentative"] = "赵喆",
            ["decisionTitle"] = "食品经营许可决定书", ["decisionNo"] = $"黑市监食许〔2026〕{1000 + i}号", ["licenceCategory"] = "普通",
            ["certificateName"] = "食品经营许可证", ["licenceNo"] = $"JY2230103{i:000000}", ["content"] = "预包装食品销售（含冷藏冷冻食品）、散装食品销售、热食类食品制售，经营场所位于黑龙江省哈尔滨市南岗区学府路示例1号。",
            ["decisionDate"] = $"2026-{1 + i % 10:00}-{1 + i % 28:00}", ["validFrom"] = $"2026-{1 + i % 10:00}-{1 + i % 28:00}", ["validTo"] = "2031-12-31",
            ["authority"] = "哈尔滨市示例市场监督管理局", ["authorityUscc"] = Authority, ["status"] = "有效",
            ["sourceUnit"] = "哈尔滨市示例市场监督管理局", ["sourceUnitUscc"] = Authority,
        }));
        Import(sp, provider, catalog.Item("admin-penalty")!, Enumerable.Range(0, records - licences).Select(i => new Dictionary<string, string>
        {
            ["subjectName"] = "哈尔滨喆堃食品有限公司", ["subjectCategory"] = "法人及非法人组织", ["uscc"] = Company, ["legalRepresentative"] = "赵喆",
            ["decisionNo"] = $"哈市监罚〔2026〕{2000 + i}号", ["violationType"] = "生产经营标签不符合规定的食品",
            ["facts"] = $"当事人于2026年{1 + i % 10}月生产的糕点标签未标注生产日期，货值金额人民币{1000 + 37 * i}元，违反《中华人民共和国食品安全法》第六十七条。",
            ["basis"] = "《中华人民共和国食品安全法》第一百二十五条第一款", ["penaltyType"] = "罚款", ["content"] = $"罚款人民币{1 + i % 9}万元整",
            ["fineWan"] = $"{1 + i % 9}", ["decisionDate"] = $"2026-{1 + i % 10:00}-{1 + i % 28:00}",
            ["authority"] = "哈尔滨市示例市场监督管理局", ["authorityUscc"] = Authority, ["sourceUnit"] = "哈尔滨市示例市场监督管理局", ["sourceUnitUscc"] = Authority,
            ["procedure"] = "普通程序",
        }));
    }

    private static void Import(IServiceProvider sp, Account provider, CatalogItem item, IEnumerable<Dictionary<string, string>> rows)
    {
        var codes = item.Fields.Select(f => f.Code).ToList();
        var csv = new StringBuilder().AppendJoin(',', codes).Append('\n');
        foreach (var row in rows) csv.AppendJoin(',', codes.Select(c => row.GetValueOrDefault(c, ""))).Append('\n');
        using var source = RecordSources.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), SourceFormat.Csv);
        var result = sp.GetRequiredService<CollectionPipeline>().Import(new ImportRequest(provider, item.Code, "bench"), source);
        if (result.Rejected.Count > 0)
            throw new InvalidOperationException($"{item.Code}: row {result.Rejected[0].Row} refused: {string.Join("; ", result.Rejected[0].Errors.Select(e => e.Message))}");
    }
}
