using System.Diagnostics;
using System.Globalization;
using Xinyong.Reports;

namespace Xinyong.Bench;

/// <summary>
/// Renders and signs the credit report of a subject with many records, N times after a warm-up, and prints the
/// median and 95th percentile time per report and the process's peak working set.
/// </summary>
internal static class ReportBench
{
    public static int Run(string[] args)
    {
        IReadOnlyDictionary<string, int> o;
        try
        {
            o = Options.Parse(args, new Dictionary<string, int> { ["--iterations"] = 200, ["--warmup"] = 20, ["--records"] = 100 });
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"report: {e.Message}");
            return 2;
        }
        var (iterations, warmup, records) = (o["--iterations"], o["--warmup"], o["--records"]);

        var model = Model(records);
        using var key = ReportSigningKey.Generate();
        RenderedReport? last = null;
        byte[] signed = [];
        for (var i = 0; i < warmup; i++) (last, signed) = RenderAndSign(model, key);

        var total = new List<double>(iterations);
        var signing = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            last = CreditReportRenderer.RenderDetailed(model);
            var rendered = Stopwatch.GetTimestamp();
            signed = ReportSigner.Sign(last.Pdf, model.ReportNumber, key);
            var end = Stopwatch.GetTimestamp();
            total.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            signing.Add(Stopwatch.GetElapsedTime(rendered, end).TotalMilliseconds);
        }
        if (!ReportVerifier.Verify(signed, key.PublicKeyPem).Valid) throw new InvalidOperationException("the benchmark's report does not verify");

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"credit report: render + sign, {records} records, {iterations} runs after {warmup} warm-up runs"));
        Console.WriteLine(string.Create(c, $"  machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {(IsRelease ? "Release" : "Debug")} build"));
        Console.WriteLine(string.Create(c, $"  report: {last!.PageCount} pages, {signed.Length:N0} bytes signed, {last.MissingGlyphs} missing glyphs"));
        Console.WriteLine(string.Create(c, $"  render + sign: median {Stats.Quantile(total, 0.5):F1} ms, p95 {Stats.Quantile(total, 0.95):F1} ms, max {total.Max():F1} ms"));
        Console.WriteLine(string.Create(c, $"  of which sign: median {Stats.Quantile(signing, 0.5):F2} ms"));
        Console.WriteLine(string.Create(c, $"  peak working set: {Stats.PeakWorkingSetMiB():F0} MiB"));
        return 0;
    }

    private static (RenderedReport, byte[]) RenderAndSign(CreditReportModel model, ReportSigningKey key)
    {
        var report = CreditReportRenderer.RenderDetailed(model);
        return (report, ReportSigner.Sign(report.Pdf, model.ReportNumber, key));
    }

    private static bool IsRelease =>
        typeof(ReportBench).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false) is not [DebuggableAttribute { IsJITOptimizerDisabled: true }];

    /// <summary>
    /// A company with <paramref name="records"/> records spread like a real one: mostly licences, then penalties
    /// (some under objection), commitments, honours and objections; one empty section. The same on every run.
    /// </summary>
    private static CreditReportModel Model(int records)
    {
        var random = new Random(20250301);
        const string number = "XY20250301BENCH00001";
        var counts = new[] { records * 40 / 100, records * 25 / 100, records * 20 / 100, records * 10 / 100 };
        var objections = records - counts.Sum();
        string[] bureaus = ["哈尔滨市市场监督管理局", "哈尔滨市生态环境局", "黑龙江省药品监督管理局", "哈尔滨市应急管理局", "哈尔滨市税务局第一稽查局"];
        string[] licences = ["食品经营许可", "排污许可", "药品经营许可", "危险化学品经营许可", "建筑施工企业安全生产许可"];

        ReportEntry Licence(int i) => new($"黑许字〔{2020 + i % 5}〕第{10000 + i}号",
        [
            new("许可决定文书号", $"黑许字〔{2020 + i % 5}〕第{10000 + i}号"),
            new("许可类别", i % 3 == 0 ? "特许" : "普通"),
            new("许可证书名称", Pick(licences) + "证"),
            new("许可内容", Pick(licences) + "：经营场所位于黑龙江省哈尔滨市道里区安定街" + (i + 1) + "号，经营项目含预包装食品销售、散装食品销售及热食类食品制售。"),
            new("许可决定日期", $"{2020 + i % 5}年{1 + i % 12}月{1 + i % 28}日"),
            new("有效期至", $"{2025 + i % 5}年{1 + i % 12}月{1 + i % 28}日"),
            new("许可机关", Pick(bureaus)),
        ]);

        ReportEntry Penalty(int i) => new($"哈市监罚〔{2022 + i % 3}〕{100 + i}号",
        [
            new("处罚决定书文号", $"哈市监罚〔{2022 + i % 3}〕{100 + i}号"),
            new("违法行为类型", "违反《中华人民共和国食品安全法》第三十四条"),
            new("违法事实", $"经查，当事人于{2022 + i % 3}年{1 + i % 12}月经营超过保质期的食品，货值金额人民币{random.Next(1000, 90000)}元，违法所得人民币{random.Next(100, 9000)}元。上述行为违反了《中华人民共和国食品安全法》第三十四条第十项的规定。"),
            new("处罚依据", "《中华人民共和国食品安全法》第一百二十四条第一款第五项"),
            new("处罚类别", "罚款；没收违法所得"),
            new("处罚内容", $"罚款人民币{random.Next(1, 20)}万元，没收违法所得。"),
            new("处罚决定日期", $"{2022 + i % 3}年{1 + i % 12}月{1 + i % 28}日"),
            new("处罚机关", Pick(bureaus)),
            new("公示截止期", $"{2025 + i % 3}年{1 + i % 12}月{1 + i % 28}日"),
        ], Mark: i % 6 == 2 ? "异议处理中" : null);

        ReportEntry Commitment(int i) => new($"信用承诺书 CN-{2023 + i % 2}-{i + 1:0000}",
        [
            new("承诺类型", i % 2 == 0 ? "审批替代型" : "行业自律型"),
            new("承诺事项", "申请人承诺所提交的申请材料真实、合法、有效，在规定期限内补齐全部材料，并自愿接受监管部门的监督检查；如有违反，愿意承担相应法律责任并记入信用记录。"),
            new("承诺日期", $"{2023 + i % 2}年{1 + i % 12}月{1 + i % 28}日"),
            new("受诺单位", Pick(bureaus)),
            new("履约状态", i % 4 == 0 ? "履约中" : "已履约"),
        ]);

        ReportEntry Honour(int i) => new($"表彰 {i + 1}",
        [
            new("荣誉名称", i % 2 == 0 ? "黑龙江省守合同重信用企业" : "哈尔滨市纳税信用A级纳税人"),
            new("授予机关", i % 2 == 0 ? "黑龙江省市场监督管理局" : "国家税务总局哈尔滨市税务局"),
            new("授予日期", $"{2019 + i % 6}年12月"),
        ]);

        ReportEntry Objection(int i) => new($"异议 YY-2025-{i + 1:0000}",
        [
            new("异议信息", $"行政处罚信息 哈市监罚〔2024〕{100 + i}号"),
            new("异议理由", "当事人称该处罚决定已经行政复议决定撤销，并提交了行政复议决定书复印件。"),
            new("受理日期", $"2025年2月{10 + i % 18}日"),
            new("处理状态", "异议处理中"),
        ]);

        string Pick(string[] items) => items[random.Next(items.Length)];

        return new CreditReportModel(
            number,
            new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
            "黑龙江省公共信用信息平台",
            $"https://xinyong.hlj.gov.cn/verify/{number}",
            new ReportSubject("哈尔滨喆堃智能装备科技有限公司", "91230100MA1B2C3D49", "法人",
            [
                new("法定代表人", "王镕"),
                new("成立日期", "2016年5月12日"),
                new("注册资本", "5000万元人民币"),
                new("住所", "黑龙江省哈尔滨市松北区智谷大街288号"),
                new("经营范围", "智能装备研发、制造、销售；工业自动化控制系统装置制造；软件开发；货物进出口。"),
            ]),
            [
                new("行政许可信息", Enumerable.Range(0, counts[0]).Select(Licence).ToList()),
                new("行政处罚信息", Enumerable.Range(0, counts[1]).Select(Penalty).ToList()),
                new("信用名单信息", []),
                new("信用承诺信息", Enumerable.Range(0, counts[2]).Select(Commitment).ToList()),
                new("表彰荣誉及其他守信信息", Enumerable.Range(0, counts[3]).Select(Honour).ToList()),
                new("异议标注信息", Enumerable.Range(0, objections).Select(Objection).ToList()),
            ],
            ["本报告信息来源于各公共信用信息提供单位。", "已超过公示期限的信息已归档，不在本报告中展示。"],
            FullVersion: false);
    }
}
