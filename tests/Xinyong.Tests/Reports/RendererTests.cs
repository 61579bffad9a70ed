using System.Globalization;
using System.Text.RegularExpressions;
using QRCoder;
using Xinyong.Reports;

namespace Xinyong.Tests.Reports;

public class RendererTests
{
    private static readonly Lazy<RenderedReport> Company = new(() => CreditReportRenderer.RenderDetailed(SampleReports.Company()));
    private static readonly Lazy<string> CompanyText = new(() => Poppler.Text(Company.Value.Pdf));

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八"];

    [Fact]
    public void The_text_is_real_and_extractable_including_characters_outside_GB2312()
    {
        var text = CompanyText.Value;
        Assert.Contains(SampleReports.CompanyName, text);   // 喆 and 堃 are outside GB2312: drawn with the fallback font
        Assert.Contains("王镕", text);
        Assert.Contains("公共信用信息报告", text);
        Assert.Contains("91230100MA1B2C3D49", text);
        Assert.Contains("黑龙江省公共信用信息平台", text);
        Assert.DoesNotContain('\uFFFD', text);
        Assert.DoesNotContain('?', text);
        Assert.Equal(0, Company.Value.MissingGlyphs);
    }

    [Fact]
    public void The_cover_shows_number_moment_in_Beijing_time_version_and_verification()
    {
        var cover = CompanyText.Value.Split('\f')[0];
        Assert.Contains($"报告编号       {SampleReports.ReportNo}", cover);
        Assert.Contains("2025年3月1日 08:30（北京时间）", cover);
        Assert.Contains("信息截至", cover);
        Assert.Contains("公开版", cover);
        Assert.DoesNotContain("完整版", cover);
        Assert.Contains("扫码核验", cover);
        Assert.Contains($"https://xinyong.hlj.gov.cn/verify/{SampleReports.ReportNo}", cover);

        var full = Poppler.Text(CreditReportRenderer.Render(SampleReports.Company(fullVersion: true))).Split('\f')[0];
        Assert.Contains("完整版，仅供信用主体本人使用", full);
        Assert.DoesNotContain("公开版", full);
    }

    [Fact]
    public void Every_section_appears_in_order_with_its_count_and_an_empty_section_reads_无()
    {
        var text = CompanyText.Value;
        var headings = new List<string> { "一、基本信息" };
        headings.AddRange(SampleReports.Sections.Select((s, i) =>
            $"{Numerals[i + 1]}、{s.Title}" + (s.Entries > 0 ? $"（共 {s.Entries} 条）" : "")));
        var at = -1;
        foreach (var heading in headings)
        {
            var next = text.IndexOf(heading, StringComparison.Ordinal);
            Assert.True(next > at, $"'{heading}' missing or out of order");
            at = next;
        }
        Assert.Matches(new Regex(@"四、信用名单信息\s*\n\s*无\s*\n"), text);
        Assert.Contains("说明", text);
        Assert.Contains("已超过公示期限的信息已归档，不在本报告中展示。", text);
    }

    [Fact]
    public void Every_entry_title_and_field_is_printed_and_marks_are_visible()
    {
        var text = Squeeze(Body(CompanyText.Value));
        foreach (var section in SampleReports.Company().Sections)
        foreach (var (entry, i) in section.Entries.Select((e, i) => (e, i)))
        {
            Assert.Contains(Squeeze($"{i + 1}. {entry.Title}"), text);
            foreach (var field in entry.Fields) Assert.Contains(Squeeze(field.Label + field.Value), text);
        }

        // Two entries carry the objection mark, printed on their title line; the objection section lists 异议处理中 twice more.
        var titleLines = CompanyText.Value.Split('\n').Where(l => l.Contains("哈松市监罚〔2024〕") && l.Contains("异议处理中")).ToList();
        Assert.Equal(2, titleLines.Count);
        Assert.Contains(titleLines, l => l.Contains("3. 哈松市监罚〔2024〕23号"));
        Assert.Contains(titleLines, l => l.Contains("7. 哈松市监罚〔2024〕27号"));
    }

    [Fact]
    public void Every_page_is_A4_with_the_report_number_and_page_x_of_y()
    {
        var info = Poppler.Info(Company.Value.Pdf);
        Assert.StartsWith("595 x 842 pts (A4)", info["Page size"]);
        var pages = int.Parse(info["Pages"], CultureInfo.InvariantCulture);
        Assert.Equal(Company.Value.PageCount, pages);
        Assert.True(pages >= 4, $"30 entries should need several pages, got {pages}");

        var pageTexts = CompanyText.Value.Split('\f', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(pages, pageTexts.Length);
        for (var i = 0; i < pages; i++)
        {
            Assert.Contains($"报告编号：{SampleReports.ReportNo}", pageTexts[i]);
            Assert.Contains($"第 {i + 1} 页 共 {pages} 页", pageTexts[i]);
        }
        Assert.Contains("第 1 页 共", CompanyText.Value);
    }

    [Fact]
    public void A_long_entry_crosses_pages_without_losing_a_character()
    {
        var segments = string.Concat(Enumerable.Range(1, 400).Select(i => $"第{i:000}段：当事人逾期未履行行政处罚决定，依法申请强制执行。"));
        var model = SampleReports.Company() with
        {
            Sections = [new ReportSection("行政处罚信息", [new ReportEntry("长条目", [new("开头", "甲"), new("案情", segments), new("结尾", "乙")], "异议处理中")])],
        };
        var report = CreditReportRenderer.RenderDetailed(model);
        var text = Poppler.Text(report.Pdf);

        Assert.True(report.PageCount >= 5, $"the long value should fill several pages, got {report.PageCount}");
        Assert.Contains("（续）", text);
        // Without headers and footers, the value reads in one piece between its neighbours.
        Assert.Contains(Squeeze("开头甲案情" + segments + "结尾乙"), Squeeze(Body(text)));
    }

    [Fact]
    public void Characters_no_shipped_font_has_are_drawn_and_counted()
    {
        var model = SampleReports.Company() with
        {
            Subject = SampleReports.Company().Subject with { Name = "测试\U0002A6A5\uE000公司" }, // CJK Ext-B 𪚥 and a private-use character
        };
        Assert.Equal(2, CreditReportRenderer.RenderDetailed(model).MissingGlyphs);
    }

    [Fact]
    public void Rendering_is_deterministic_across_runs_cultures_and_offsets()
    {
        var first = Company.Value.Pdf;
        Assert.Equal(first, CreditReportRenderer.Render(SampleReports.Company()));

        var culture = CultureInfo.CurrentCulture;
        try
        {
            // Arabic (Saudi Arabia) formats dates with the Umm al-Qura calendar and its own digits.
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ar-SA");
            Assert.Equal(first, CreditReportRenderer.Render(SampleReports.Company()));
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        }

        // The same moment written with another offset is an equal model, so it gives the same bytes.
        var sameMoment = SampleReports.Company() with { AsOf = SampleReports.AsOf.ToOffset(TimeSpan.FromHours(-5)) };
        Assert.Equal(first, CreditReportRenderer.Render(sameMoment));

        // No clock and no random identifiers: the dates are AsOf, the IDs derive from the report number.
        var info = Poppler.Info(first);
        Assert.Equal("2025-03-01T00:30:00Z", info["CreationDate"]);
        Assert.Equal("2025-03-01T00:30:00Z", info["ModDate"]);
        var raw = System.Text.Encoding.Latin1.GetString(first);
        var expectedId = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("xinyong-report:XY20250301K7Q2M9ZC4T"u8.ToArray()), 0, 16);
        Assert.Contains($"/ID[<{expectedId}><{expectedId}>]", raw);

        // A different report number changes the document ID and only what depends on it.
        var other = CreditReportRenderer.Render(SampleReports.Company() with { ReportNumber = "XY20250301AAAAAAAAAA" });
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Concurrent_renders_give_the_same_bytes_as_one_at_a_time()
    {
        var expected = Company.Value.Pdf;
        var full = CreditReportRenderer.Render(SampleReports.Company(fullVersion: true));
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => CreditReportRenderer.Render(SampleReports.Company(fullVersion: i % 2 == 1)))));
        for (var i = 0; i < results.Length; i++) Assert.Equal(i % 2 == 1 ? full : expected, results[i]);
    }

    [Fact]
    public void The_QR_code_on_the_cover_encodes_the_verification_URL()
    {
        var model = SampleReports.Company();
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(model.VerifyUrl, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var modules = matrix.Count;

        const int dpi = 288;                    // 4 pixels per point
        var page = Poppler.Page(Company.Value.Pdf, 1, dpi);
        const double scale = dpi / 72.0;
        var unit = 128.0 / modules * scale;     // the code is 128 pt wide, centred between the margins
        var left = (56 + (483 - 128) / 2.0) * scale;

        // The top edge of the top-left finder pattern is the first row that is dark for 7 whole modules.
        var finderLeft = (int)(left + 4 * unit + unit / 2);
        var finderRight = (int)(left + 11 * unit - unit / 2);
        var top = -1;
        for (var y = 0; y < page.Height && top < 0; y++)
            if (Enumerable.Range(finderLeft, finderRight - finderLeft).All(x => page[x, y] < 100)) top = y;
        Assert.True(top > 0, "no QR finder pattern on the cover");
        var qrTop = top - 4 * unit;

        var mismatches = 0;
        for (var row = 0; row < modules; row++)
        for (var col = 0; col < modules; col++)
        {
            var dark = page[(int)(left + (col + 0.5) * unit), (int)(qrTop + (row + 0.5) * unit)] < 128;
            if (dark != matrix[row][col]) mismatches++;
        }
        Assert.Equal(0, mismatches);
    }

    /// <summary>The text without page headers, footers and the （续） of rows continued on a new page.</summary>
    private static string Body(string text) =>
        string.Join("\n", text.Split('\n').Where(l => !l.Contains("报告编号：") && !Regex.IsMatch(l, @"第 \d+ 页 共 \d+ 页")))
            .Replace("（续）", "");

    /// <summary>The text without any whitespace (pdftotext's layout adds spaces and line breaks).</summary>
    private static string Squeeze(string s) => Regex.Replace(s, @"\s+", "");
}
