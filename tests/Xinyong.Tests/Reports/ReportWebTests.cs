using Xinyong.Measures;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Reports;
using Xinyong.Storage.Lists;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Reports;
using Xinyong.Storage.Subjects;
using Xinyong.Tests.Support;
using Xinyong.Web.Features.Reports;

namespace Xinyong.Tests.Reports;

/// <summary>Credit reports issued by the running platform: download, register, verification online and offline, versions.</summary>
public class ReportWebTests
{
    // The section titles of a company's report under the shipped catalog (its groups:, data/catalog/*.yaml).
    private const string Licences = "行政许可信息", Penalties = "行政处罚信息", Lists = "信用名单信息", Commitments = "信用承诺信息";
    private static readonly string[] ShippedSections = [Licences, Penalties, Lists, Commitments, "表彰荣誉及其他守信信息", "其他公共信用信息", ReportSections.Objections];

    private const string Company = "91230103MA1C8FK2X8";        // 哈尔滨喆堃食品有限公司: a licence, a penalty, an honour
    private const string Shop = "92230103MA1G7BH98M";           // 哈尔滨市南岗区示例百货店: a licence, a penalty past its disclosure period
    private const string Trader = "91230200MA1BHC321X";         // 齐齐哈尔鹤城样例商贸有限公司: a penalty, a tax arrears notice
    private const string Person = "230102198503072012";         // 李明辉: a penalty of a natural person

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_downloaded_report_shows_the_public_records_and_verifies_online_and_offline(string store)
    {
        await using var p = await TestPlatform.Start(store, sample: true);
        var (pdf, number) = await Download(p, Company);
        var text = Poppler.Text(pdf);

        Assert.Contains("哈尔滨喆堃食品有限公司", text);
        Assert.Contains("公开版", text);
        Assert.Contains("黑市监食生许〔2026〕0101号", text);   // its licence
        Assert.Contains("哈市监罚〔2026〕0312号", text);       // its penalty, public until 2027-03-12
        Assert.Contains("守合同重信用企业", text);              // its honour
        Assert.Contains("赵喆", text);                          // registration: legal representative
        Assert.Matches(new Regex(@"信用名单信息\s*\n\s*无\s*\n"), text);
        Assert.Matches(new Regex(@"信用承诺信息\s*\n\s*无\s*\n"), text);
        Assert.Matches(new Regex(@"异议标注信息\s*\n\s*无\s*\n"), text);
        Assert.DoesNotContain("哈南市监罚", text);              // another subject's records stay out
        var verifyUrl = new Uri(p.Url, $"/verify/{number}").ToString();
        Assert.Contains(verifyUrl, text.Split('\f')[0]);         // under the QR code on the cover

        // The register knows the number from the header, and the SHA-256 of exactly these bytes.
        var (status, info) = await p.GetJson($"/api/v1/reports/{number}");
        Assert.Equal(200, status);
        Assert.True(info.GetProperty("valid").GetBoolean());
        Assert.Equal(number, info.GetProperty("reportNo").GetString());
        Assert.Equal("哈尔滨喆堃食品有限公司", info.GetProperty("subject").GetProperty("name").GetString());
        Assert.Equal(Company, info.GetProperty("subject").GetProperty("code").GetString());
        Assert.Equal(Company, info.GetProperty("subject").GetProperty("ref").GetString());
        Assert.Equal(Sha256(pdf), info.GetProperty("sha256").GetString());
        Assert.Equal("public", info.GetProperty("version").GetString());
        Assert.Equal(verifyUrl, info.GetProperty("verifyUrl").GetString());
        var sections = info.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("title").GetString()!, s => s.GetProperty("entries").GetInt32());
        Assert.Equal(ShippedSections, sections.Keys);
        Assert.Equal(1, sections[Licences]);
        Assert.Equal(1, sections[Penalties]);
        Assert.Equal(0, sections[Commitments]);

        // The QR code's address is the verification page, which says the report is genuine and what it certifies.
        var page = await Page(p.Http, new Uri(verifyUrl).PathAndQuery);
        Assert.Contains("有效", page);
        Assert.Contains(number, page);
        Assert.Contains("哈尔滨喆堃食品有限公司", page);
        Assert.Contains(Sha256(pdf), page);

        // The published key is the one that signed, and the one the register names.
        var keyResponse = await p.Http.GetAsync(PlatformAddress.PublicKeyPath);
        var keyText = await keyResponse.Content.ReadAsStringAsync();
        var keyId = keyResponse.Headers.GetValues("X-Key-Id").Single();
        Assert.Contains("-----BEGIN PUBLIC KEY-----", keyText);
        Assert.Equal(keyId, info.GetProperty("keyId").GetString());
        Assert.Equal(keyId, ReportVerifier.Verify(pdf, keyText).KeyId);
        Assert.True(ReportVerifier.Verify(pdf, keyText).Valid);

        // Online: the file as issued is valid; one changed byte anywhere makes it invalid, with the reason.
        var online = await Upload(p.Http, pdf);
        Assert.True(online.GetProperty("valid").GetBoolean(), online.GetProperty("reason").GetString());
        Assert.Equal(number, online.GetProperty("reportNo").GetString());
        var tampered = Flip(pdf, pdf.Length / 2);
        var rejected = await Upload(p.Http, tampered);
        Assert.False(rejected.GetProperty("valid").GetBoolean());
        Assert.Equal("content-changed", rejected.GetProperty("status").GetString());
        Assert.Contains("内容在签名后被修改", rejected.GetProperty("reason").GetString());
        Assert.Equal(Sha256(tampered), rejected.GetProperty("sha256").GetString());
        Assert.Equal(Sha256(pdf), rejected.GetProperty("report").GetProperty("sha256").GetString());   // what the genuine report is
        var brokenSignature = await Upload(p.Http, Flip(pdf, pdf.Length - 20));
        Assert.False(brokenSignature.GetProperty("valid").GetBoolean());
        Assert.Contains(brokenSignature.GetProperty("status").GetString(), new[] { "signature-damaged", "signature-invalid" });

        // Offline: the CLI with the published key.
        var folder = p.Store.Folder;
        File.WriteAllText(Path.Combine(folder, "key.pem"), keyText);
        File.WriteAllBytes(Path.Combine(folder, "report.pdf"), pdf);
        File.WriteAllBytes(Path.Combine(folder, "tampered.pdf"), tampered);
        var ok = await Xy.Run("report", "verify", Path.Combine(folder, "report.pdf"), "--key", Path.Combine(folder, "key.pem"));
        Assert.Equal(0, ok.ExitCode);
        Assert.True(ok.Json.GetProperty("valid").GetBoolean());
        Assert.Equal(number, ok.Json.GetProperty("reportNo").GetString());
        var bad = await Xy.Run("report", "verify", Path.Combine(folder, "tampered.pdf"), "--key", Path.Combine(folder, "key.pem"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal("content-changed", bad.Json.GetProperty("status").GetString());
        Assert.Contains("内容在签名后被修改", bad.Err);
        var unchecked_ = await Xy.Run("report", "verify", Path.Combine(folder, "report.pdf"));
        Assert.Equal(1, unchecked_.ExitCode);
        Assert.Equal("signer-not-checked", unchecked_.Json.GetProperty("status").GetString());
        Assert.Contains("未核对签发者", unchecked_.Err);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Archived_records_stay_out_of_the_public_report_and_in_the_subjects_own_full_version(string store)
    {
        await using var p = await TestPlatform.Start(store, sample: true);
        var (pdf, _) = await Download(p, Shop);
        var text = Poppler.Text(pdf);
        Assert.Contains("哈南市监食经许〔2026〕1207号", text);
        Assert.DoesNotContain("哈南市监罚〔2025〕0601号", text);   // disclosure period ended 2025-09-01 (Art. 37)
        Assert.Contains("公示期限届满的失信信息已转为档案保存", text);

        // Without signing in, the full version is not served.
        var anonymous = await NoRedirects(p).GetAsync("/self/report.pdf");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/signin", new Uri(p.Url, anonymous.Headers.Location!).AbsolutePath);

        var self = await SignedInSubject(p, Shop);
        var response = await self.GetAsync("/self/report.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var full = await response.Content.ReadAsByteArrayAsync();
        var fullText = Poppler.Text(full);
        Assert.Contains("完整版", fullText);
        Assert.Contains("哈南市监罚〔2025〕0601号", fullText);
        Assert.Contains("已归档（公示期满", fullText);
        Assert.Contains("哈南市监食经许〔2026〕1207号", fullText);
        var number = response.Headers.GetValues("X-Report-Number").Single();
        var (_, info) = await p.GetJson($"/api/v1/reports/{number}");
        Assert.Equal("full", info.GetProperty("version").GetString());
        Assert.Equal(Sha256(full), info.GetProperty("sha256").GetString());
        Assert.True((await Upload(p.Http, full)).GetProperty("valid").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_natural_persons_public_report_is_masked_and_points_to_the_configured_public_address(string store)
    {
        await using var p = await TestPlatform.Start(store, sample: true, configure: o => o with { PublicUrl = "https://xinyong.example.gov.cn/" });
        var (pdf, number) = await Download(p, Person);
        var text = Poppler.Text(pdf);
        Assert.Contains("李**", text);
        Assert.Contains("230102********2012", text);
        Assert.Contains("哈道交罚〔2026〕1102号", text);
        Assert.DoesNotContain("李明辉", text);
        Assert.DoesNotContain(Person, text);
        Assert.Contains($"https://xinyong.example.gov.cn/verify/{number}", text.Split('\f')[0]);

        var (_, info) = await p.GetJson($"/api/v1/reports/{number}");
        Assert.Equal("李**", info.GetProperty("subject").GetProperty("name").GetString());
        Assert.Equal("230102********2012", info.GetProperty("subject").GetProperty("code").GetString());
        Assert.StartsWith("P", info.GetProperty("subject").GetProperty("ref").GetString());
        Assert.Equal($"https://xinyong.example.gov.cn/verify/{number}", info.GetProperty("verifyUrl").GetString());

        // The person's own version is unmasked; the register still answers the public with the masked name.
        var self = await SignedInSubject(p, Person);
        var response = await self.GetAsync("/self/report.pdf");
        Assert.Contains("李明辉", Poppler.Text(await response.Content.ReadAsByteArrayAsync()));
        var (_, fullInfo) = await p.GetJson($"/api/v1/reports/{response.Headers.GetValues("X-Report-Number").Single()}");
        Assert.Equal("李**", fullInfo.GetProperty("subject").GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Objection_marks_and_list_entries_appear_as_the_public_sees_them(string store)
    {
        await using var p = await TestPlatform.Start(store, sample: true);
        var subject = p.Services.GetRequiredService<SubjectStore>().Find(Trader)!;
        var stored = p.Services.GetRequiredService<RecordReader>().OfSubject(subject.Id);
        var changes = p.Services.GetRequiredService<RecordChanges>();
        changes.MarkObjection(stored.Single(r => r.Item == "admin-penalty").Id, true, "staff-1", "异议申请 YY-1");
        var sample = p.Services.GetRequiredService<Xinyong.Storage.Accounts.AccountStore>().Get("SAMPLE")!;
        p.Services.GetRequiredService<Xinyong.Application.Collection.RecordChangeDesk>().Correct(sample, stored.Single(r => r.Item == "tax-arrears").Id, new Dictionary<string, string?> { ["欠税余额（万元）"] = "12.5" }, "部分税款已入库");
        var lists = p.Services.GetRequiredService<ListStore>();
        var ending = p.Services.GetRequiredService<Xinyong.Application.Lists.ListEnding>();
        var today = new DateOnly(2026, 11, 22);
        ListEntry Entry(string list, string no, DateOnly? endsOn = null, bool published = true) => new()
        {
            List = list, SubjectId = subject.Id, DecidingUnit = "QQHR-SJ", DecisionNo = no, Grounds = "销售不合格产品，情节严重", Reasons = "经查属实",
            Basis = "《黑龙江省社会信用条例》第二十九条", StartsOn = today.AddMonths(-2), EndsOn = endsOn, Published = published,
            RemovalConditions = "期满且已整改", Remedy = "可申请行政复议或提起行政诉讼", DecidedAt = p.Clock.GetUtcNow().AddMonths(-2), DecidedBy = "staff-1",
        };
        var listed = lists.Add(Entry(CreditListNames.Dishonesty, "齐失信〔2026〕1号", today.AddYears(3)));
        lists.MarkObjection(listed, true);
        lists.Add(Entry(CreditListNames.Incentive, "齐守信〔2026〕2号", published: false));     // the subject declined publication
        lists.Add(Entry(CreditListNames.Dishonesty, "齐失信〔2026〕3号", today.AddDays(-1)));   // its period ended yesterday
        var ended = lists.Add(Entry(CreditListNames.Dishonesty, "齐失信〔2026〕4号"));
        ending.End(ended, "repaired", "staff-1");

        var builder = p.Services.GetRequiredService<ReportBuilder>();
        var stamp = new ReportStamp("XY20261122AAAAAAAAAA", p.Clock.GetUtcNow(), "https://x/verify/XY20261122AAAAAAAAAA", "https://x/key", "k");
        var model = builder.Build(subject, ReportVersions.Public, stamp);
        Assert.Equal(ShippedSections, model.Sections.Select(s => s.Title));
        var section = model.Sections.ToDictionary(s => s.Title);

        var onList = Assert.Single(section[Lists].Entries);
        Assert.Equal("齐失信〔2026〕1号", onList.Title);
        Assert.Equal(ReportSections.ObjectionMark, onList.Mark);
        Assert.Contains(new ReportField("名单类别", "严重失信主体名单"), onList.Fields);
        var penaltyEntry = section[Penalties].Entries.Single(e => e.Title == "齐市监罚〔2026〕0088号");
        Assert.Equal(ReportSections.ObjectionMark, penaltyEntry.Mark);
        var taxEntry = section[Penalties].Entries.Single(e => e.Title == "齐税欠公〔2026〕第7号");
        Assert.Null(taxEntry.Mark);
        Assert.Contains(new ReportField("信息类别", "欠缴税款信息"), taxEntry.Fields);

        var objections = section[ReportSections.Objections].Entries;
        Assert.Equal(2, objections.Count);
        Assert.Contains(objections, e => e.Title.Contains("齐失信〔2026〕1号") && e.Fields.Contains(new ReportField("所在部分", Lists)));
        var marked = Assert.Single(objections, e => e.Title.Contains("齐市监罚〔2026〕0088号"));
        Assert.Contains(new ReportField("标注日期", "2026-11-22"), marked.Fields);

        Assert.Contains(new ReportField("欠税余额（万元）", "12.5"), taxEntry.Fields);
        Assert.DoesNotContain(taxEntry.Fields, f => f.Label is "变动情况" or "公示状态");   // the public version shows the current content only

        // The full version lists every entry with its status, source and changes (Art. 35); nothing is marked that is
        // not under objection.
        var fullModel = builder.Build(subject, ReportVersions.Full, stamp).Sections.ToDictionary(s => s.Title);
        var fullPenalties = fullModel[Penalties].Entries;
        Assert.Contains(new ReportField("变动情况", "2026-11-22 加注异议标注"), fullPenalties.Single(e => e.Title == "齐市监罚〔2026〕0088号").Fields);
        var fullTax = fullPenalties.Single(e => e.Title == "齐税欠公〔2026〕第7号").Fields;
        Assert.Contains(new ReportField("变动情况", "2026-11-22 变更（第1版→第2版）：部分税款已入库"), fullTax);
        Assert.Contains(new ReportField("公示状态", "公示中"), fullTax);
        Assert.Contains(new ReportField("报送单位", "示例数据提供单位（2026-11-22报送）"), fullTax);
        var full = fullModel[Lists].Entries;
        Assert.Equal(4, full.Count);
        Assert.Contains(new ReportField("名单状态", "已移出（信用修复完成，第四十条）"), full.Single(e => e.Title == "齐失信〔2026〕4号").Fields);
        Assert.Contains(new ReportField("名单状态", "有效，信用主体申请不公示（第三十七条）"), full.Single(e => e.Title == "齐守信〔2026〕2号").Fields);
        Assert.Single(full, e => e.Mark is not null);

        // The printed report carries the mark beside the entries.
        var (pdf, _) = await Download(p, Trader);
        var text = Poppler.Text(pdf);
        Assert.Contains("异议处理中", text);
        Assert.Contains("齐失信〔2026〕1号", text);
        Assert.DoesNotContain("齐守信〔2026〕2号", text);
        Assert.DoesNotContain("齐失信〔2026〕3号", text);
        Assert.DoesNotContain("齐失信〔2026〕4号", text);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task The_cli_issues_a_recorded_report_and_verifies_with_the_platforms_key(string store)
    {
        await using var p = await TestPlatform.Start(store, sample: true);
        var keys = Path.Combine(p.Store.Folder, "keys");
        var file = Path.Combine(p.Store.Folder, "cli-report.pdf");
        var r = await Xy.Run("report", Company, "-o", file, "--db", p.Store.Db, "--keys", keys, "--rules", Paths.Rules, "--public-url", "https://xinyong.example.gov.cn");
        Assert.Equal(0, r.ExitCode);
        var number = r.Json.GetProperty("reportNo").GetString()!;
        Assert.True(ReportNumber.IsValid(number));
        Assert.Equal(file, r.Json.GetProperty("file").GetString());
        var pdf = await File.ReadAllBytesAsync(file);
        Assert.Equal(Sha256(pdf), r.Json.GetProperty("sha256").GetString());
        Assert.Contains($"https://xinyong.example.gov.cn/verify/{number}", Poppler.Text(pdf));

        // Recorded in the same register, signed with the same key as the platform's reports.
        var (status, info) = await p.GetJson($"/api/v1/reports/{number}");
        Assert.Equal(200, status);
        Assert.Equal(Sha256(pdf), info.GetProperty("sha256").GetString());
        Assert.True((await Upload(p.Http, pdf)).GetProperty("valid").GetBoolean());
        var registered = p.Services.GetRequiredService<ReportRegistry>().Get(number)!;
        Assert.Equal(("operator", "cli"), (registered.IssuedTo, registered.Channel));

        // Offline verification with the platform's own keys folder instead of --key.
        var ok = await Xy.Run("report", "verify", file, "--keys", keys);
        Assert.Equal(0, ok.ExitCode);
        var other = Path.Combine(p.Store.Folder, "other.pem");
        using (var foreign = ReportSigningKey.Generate()) await File.WriteAllTextAsync(other, foreign.PublicKeyPem);
        var wrongKey = await Xy.Run("report", "verify", file, "--key", other);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Equal("signed-by-another-key", wrongKey.Json.GetProperty("status").GetString());
        Assert.Contains("由其他密钥签名", wrongKey.Err);

        // The full version from the CLI is a read of personal information by an operator: it enters the access log.
        var fullRun = await Xy.Run("report", Person, "-o", file, "--full", "--db", p.Store.Db, "--keys", keys, "--rules", Paths.Rules);
        Assert.Equal(0, fullRun.ExitCode);
        Assert.Contains("李明辉", Poppler.Text(await File.ReadAllBytesAsync(file)));
        var person = p.Services.GetRequiredService<SubjectStore>().Find(Person)!;
        var logged = Assert.Single(p.Services.GetRequiredService<Xinyong.Storage.Audit.AccessLog>().ForSubject(person.Id));
        Assert.Equal($"credit-report:{fullRun.Json.GetProperty("reportNo").GetString()}", logged.What);

        Assert.Equal(2, (await Xy.Run("report", "91230103MA1C8FK2X9", "-o", file, "--db", p.Store.Db, "--keys", keys)).ExitCode);   // check character wrong
        var unknown = await Xy.Run("report", Shuanggongshi.Uscc("MA1NXBDY1"), "-o", file, "--db", p.Store.Db, "--keys", keys);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no subject", unknown.Err);
        Assert.Equal(2, (await Xy.Run("report", "verify")).ExitCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task A_file_the_register_does_not_hold_and_bad_requests_are_refused_with_reasons(string store)
    {
        await using var p = await TestPlatform.Start(store, sample: true);
        // Signed by the platform's own key, but never issued: the register decides.
        var subject = p.Services.GetRequiredService<SubjectStore>().Find(Company)!;
        var key = p.Services.GetRequiredService<ReportSigningKey>();
        const string number = "XY20261122BBBBBBBBBB";
        var model = p.Services.GetRequiredService<ReportBuilder>().Build(subject, ReportVersions.Public,
            new ReportStamp(number, p.Clock.GetUtcNow(), $"{p.Url}verify/{number}", $"{p.Url}key", key.KeyId));
        var forged = ReportSigner.Sign(CreditReportRenderer.Render(model), number, key);
        Assert.True(ReportVerifier.Verify(forged, key.PublicKeyPem).Valid);
        var answer = await Upload(p.Http, forged);
        Assert.False(answer.GetProperty("valid").GetBoolean());
        Assert.Equal("not-registered", answer.GetProperty("status").GetString());
        Assert.Contains("未登记", answer.GetProperty("reason").GetString());

        // After the platform key is replaced, a report issued under the old key still checks online (the register holds its
        // bytes and names its key); a file signed by any other key does not.
        var (issued, issuedNumber) = await Download(p, Company);
        using var replacement = ReportSigningKey.Generate();
        var afterRotation = new ReportChecker(p.Services.GetRequiredService<ReportRegistry>(), replacement);
        var old = afterRotation.Check(issued);
        Assert.True(old.Valid, old.Reason);
        Assert.Equal(issuedNumber, old.ReportNo);
        Assert.Contains("此前使用的签名密钥", old.Reason);
        var foreign = afterRotation.Check(forged);
        Assert.False(foreign.Valid);
        Assert.Equal("signed-by-another-key", foreign.Status);
        Assert.False(afterRotation.Check(Flip(issued, 100)).Valid);

        // Not a report at all.
        var plain = await Upload(p.Http, "%PDF-1.7\n%%EOF\n"u8.ToArray());
        Assert.Equal("no-signature", plain.GetProperty("status").GetString());
        Assert.Contains("未找到签名", plain.GetProperty("reason").GetString());

        var (s1, e1) = await p.GetJson("/api/v1/subjects/91230103MA1C8FK2X9/report.pdf");
        Assert.Equal(400, s1);
        Assert.Contains("统一社会信用代码", e1.GetProperty("detail").GetString());
        var (s2, _) = await p.GetJson($"/api/v1/subjects/{Shuanggongshi.Uscc("MA1NXBDY1")}/report.pdf");
        Assert.Equal(404, s2);
        var (s3, e3) = await p.GetJson("/api/v1/reports/XY2026");
        Assert.Equal(400, s3);
        Assert.Equal("reportNo", e3.GetProperty("errors")[0].GetProperty("field").GetString());
        var (s4, e4) = await p.GetJson("/api/v1/reports/XY20261122CCCCCCCCCC");
        Assert.Equal(404, s4);
        Assert.Equal("application/problem+json", (await p.Http.GetAsync("/api/v1/reports/XY20261122CCCCCCCCCC")).Content.Headers.ContentType!.MediaType);
        Assert.Contains("XY20261122CCCCCCCCCC", e4.GetProperty("detail").GetString());
        var noFile = await p.Http.PostAsync("/api/v1/reports/verify", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal("file", JsonDocument.Parse(await noFile.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await p.Http.GetAsync("/verify/XY20261122CCCCCCCCCC")).StatusCode);
        Assert.Contains("没有出具过编号为", await Page(p.Http, "/verify/XY20261122CCCCCCCCCC", HttpStatusCode.NotFound));
    }

    private static async Task<(byte[] Pdf, string Number)> Download(TestPlatform p, string code)
    {
        var response = await p.Http.GetAsync($"/api/v1/subjects/{code}/report.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var number = response.Headers.GetValues("X-Report-Number").Single();
        Assert.True(ReportNumber.IsValid(number), number);
        return (await response.Content.ReadAsByteArrayAsync(), number);
    }

    private static async Task<JsonElement> Upload(HttpClient client, byte[] file)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "report.pdf" } };
        var response = await client.PostAsync("/api/v1/reports/verify", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>A page's HTML with character references decoded.</summary>
    private static async Task<string> Page(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static HttpClient NoRedirects(TestPlatform p) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = p.Url };

    /// <summary>A client signed in to the portal as the subject (a password set by staff, then the sign-in form).</summary>
    private static async Task<HttpClient> SignedInSubject(TestPlatform p, string code)
    {
        p.Services.GetRequiredService<SubjectAccounts>().SetPassword(code, "mima-12345678", "staff-1");
        var client = NoRedirects(p);
        var form = await client.GetStringAsync("/signin");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await client.PostAsync("/signin?handler=Subject", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = code, ["secret"] = "mima-12345678", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x01;
        return copy;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
