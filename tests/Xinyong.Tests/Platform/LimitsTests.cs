using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Xinyong.Tests.Support;
using Xinyong.Web.Features.Cases;
using Xinyong.Web.Platform;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Platform;

/// <summary>Request body limits, security headers, safe attachment downloads and forwarded headers from known proxies only.</summary>
public class LimitsTests
{
    private static void AssertSecurityHeaders(HttpResponseMessage r)
    {
        var csp = r.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", r.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_pages_api_answers_and_errors()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = await p.Http.GetAsync("/"),
            ["sign-in page"] = await p.Http.GetAsync("/signin"),
            ["api"] = await p.Http.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString("示例")),
            ["api error"] = await p.Http.GetAsync("/api/v1/subjects/123"),
            ["page not found"] = await p.Http.GetAsync("/no-such-page"),
            ["unauthorized"] = await p.Http.GetAsync("/api/v1/authorizations"),
            ["static"] = await p.Http.GetAsync("/static/site.css"),
            ["too large"] = await p.Http.PostAsync("/api/v1/records/1/revocation", new StringContent(new string('x', 100 * 1024), Encoding.UTF8, "application/json")),
        };
        Assert.Equal(HttpStatusCode.OK, responses["page"].StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, responses["api error"].StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, responses["page not found"].StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, responses["too large"].StatusCode);
        foreach (var (what, r) in responses)
        {
            try { AssertSecurityHeaders(r); }
            catch (Exception ex) { throw new Xunit.Sdk.XunitException($"{what}: {ex.Message}"); }
        }
    }

    [Fact]
    public async Task The_portal_pages_have_no_inline_script_or_style_the_policy_would_block()
    {
        await using var p = await TestPlatform.Start("sqlite", sample: true);
        foreach (var path in new[] { "/", "/search?q=" + Uri.EscapeDataString("示例"), "/signin", "/shuanggongshi", "/lists", "/repair", "/objections/new", "/verify" })
        {
            var html = await p.Http.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
            Assert.DoesNotMatch("\\sstyle=\"", html);
            Assert.DoesNotMatch("<style", html);
            Assert.DoesNotMatch("\\son[a-z]+=\"", html);
        }
    }

    [Fact]
    public async Task An_oversize_body_is_refused_with_413_before_it_is_read()
    {
        await using var p = await TestPlatform.Start("sqlite");

        // A 1 MiB form post to the sign-in page: 413, a Chinese page, at once.
        var watch = Stopwatch.StartNew();
        var form = new ByteArrayContent(Encoding.ASCII.GetBytes("code=" + new string('1', 1024 * 1024)));
        form.Headers.ContentType = new("application/x-www-form-urlencoded");
        var r = await p.Http.PostAsync("/signin?handler=Subject", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        var page = await r.Content.ReadAsStringAsync();
        Assert.Contains("提交的内容过大", page);
        Assert.Contains("64KB", page);

        // An API call over the form limit: problem+json in Chinese.
        var json = new StringContent("{\"reason\":\"" + new string('x', 100 * 1024) + "\"}", Encoding.UTF8, "application/json");
        var api = await p.Http.PostAsync("/api/v1/records/1/revocation", json);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("请求内容过大", problem.GetProperty("title").GetString());

        // The same body sent without a length (chunked): read only up to the limit, then the same 413.
        foreach (var (path, type, text) in new[] { ("/signin?handler=Subject", "application/x-www-form-urlencoded", "提交的内容过大"), ("/api/v1/records/1/revocation", "application/json", "请求内容过大") })
        {
            var chunked = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("code=" + new string('1', 256 * 1024))));
            chunked.Headers.ContentType = new(type);
            using var m = new HttpRequestMessage(HttpMethod.Post, path) { Content = chunked };
            m.Headers.TransferEncodingChunked = true;
            var answer = await p.Http.SendAsync(m);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
            Assert.Contains(text, await answer.Content.ReadAsStringAsync());
        }
        // A small chunked form is read as usual.
        var smallChunked = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("{\"reason\":\"x\"}")));
        smallChunked.Headers.ContentType = new("application/json");
        using (var m = new HttpRequestMessage(HttpMethod.Post, "/api/v1/records/1/revocation") { Content = smallChunked })
        {
            m.Headers.TransferEncodingChunked = true;
            Assert.Equal(HttpStatusCode.Unauthorized, (await p.Http.SendAsync(m)).StatusCode);
        }

        // A client that announces 1 GiB and sends nothing more is answered at once: the server does not wait to read it.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(p.Url.Host, p.Url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /signin?handler=Subject HTTP/1.1\r\nHost: {p.Url.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {1L << 30}\r\n\r\ncode=1"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        var n = await stream.ReadAsync(buffer, cts.Token);
        Assert.StartsWith("HTTP/1.1 413", Encoding.ASCII.GetString(buffer, 0, n));

        // Upload endpoints take more than a form: a 300 KB attachment is not refused for its size.
        var big = new StringContent(JsonSerializer.Serialize(new { recordId = "1", reason = "x", attachments = new[] { new { fileName = "a.pdf", contentType = "application/pdf", content = Convert.ToBase64String(new byte[300 * 1024]) } } }), Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await p.Http.PostAsync("/api/v1/objections", big)).StatusCode);
    }

    [Fact]
    public async Task The_limits_are_configuration()
    {
        await using var p = await TestPlatform.Start("sqlite", configure: o => o with { FormBodyLimit = 1024 });
        var json = new StringContent("{\"reason\":\"" + new string('x', 2048) + "\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await p.Http.PostAsync("/api/v1/records/1/revocation", json)).StatusCode);
        var small = new StringContent("{\"reason\":\"x\"}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await p.Http.PostAsync("/api/v1/records/1/revocation", small)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task An_attachment_is_served_as_a_download_with_a_safe_name_and_type(string store)
    {
        await using var p = await TestPlatform.Start(store, now: "2026-10-30T10:00:00+08:00");
        var provider = Xinyong.Tests.Objections.Kit.ProviderClient(p);
        var recordId = await Xinyong.Tests.Objections.Kit.Penalty(p, provider, Uscc("MA1ATT001"), "哈市监罚〔2026〕7001号", "2026-10-10");
        var (_, staff) = Xinyong.Tests.Objections.Kit.Staff(p, "XY-ATT");
        var html = Convert.ToBase64String("<script>alert(1)</script>"u8.ToArray());
        var pdf = Convert.ToBase64String("%PDF-1.4 证明"u8.ToArray());
        var (status, o, _) = await TestPlatform.PostJson(staff, "/api/v1/objections", new
        {
            recordId = recordId.ToString(System.Globalization.CultureInfo.InvariantCulture), reason = "不是本公司的违法行为",
            applicant = new { name = "张三", contact = "13800000000" }, receivedOn = "2026-10-30",
            attachments = new[]
            {
                new { fileName = "../../a<script>.html", contentType = "text/html", content = html },
                new { fileName = "营业执照 副本.pdf", contentType = "application/pdf; charset=binary", content = pdf },
            },
        });
        Assert.Equal(201, status);
        var files = o.GetProperty("attachments").EnumerateArray().ToList();

        var hostile = await staff.GetAsync(files[0].GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
        Assert.Equal("application/octet-stream", hostile.Content.Headers.ContentType!.MediaType);
        var d = hostile.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", d.DispositionType);
        Assert.Equal("a_script_.html", d.FileName!.Trim('"'));
        Assert.DoesNotContain("<", hostile.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.DoesNotContain("/", d.FileNameStar ?? "");
        Assert.Equal("nosniff", hostile.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("<script>alert(1)</script>", await hostile.Content.ReadAsStringAsync());

        var chinese = await staff.GetAsync(files[1].GetProperty("url").GetString());
        Assert.Equal("application/pdf", chinese.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", chinese.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%E5%89%AF%E6%9C%AC.pdf", chinese.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.Equal("营业执照 副本.pdf", chinese.Content.Headers.ContentDisposition.FileNameStar);
    }

    [Theory]
    [InlineData("../../a<script>.html", "a_script_.html")]
    [InlineData("..\\..\\windows\\evil.exe", "evil.exe")]
    [InlineData("....", "附件")]
    [InlineData("\"quoted\";name=x.pdf", "_quoted__name_x.pdf")]
    [InlineData("证明材料（一）.pdf", "证明材料（一）.pdf")]
    [InlineData("a\r\nSet-Cookie: x.txt", "a__Set-Cookie_ x.txt")]
    public void File_names_are_cut_to_safe_characters(string given, string safe) => Assert.Equal(safe, AttachmentDownload.SafeName(given));

    [Theory]
    [InlineData("text/html", "application/octet-stream")]
    [InlineData("image/svg+xml", "application/octet-stream")]
    [InlineData("application/PDF", "application/pdf")]
    [InlineData("image/png; x=1", "image/png")]
    [InlineData(null, "application/octet-stream")]
    public void Only_allow_listed_types_are_served_as_claimed(string? claimed, string served) => Assert.Equal(served, AttachmentDownload.SafeType(claimed));

    private static async Task<HttpStatusCode> FeedFrom(TestPlatform p, string forwardedFor)
    {
        using var m = new HttpRequestMessage(HttpMethod.Get, "/api/v1/open/records.jsonl");
        m.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await p.Http.SendAsync(m)).StatusCode;
    }

    /// <summary>Signs staff in through the portal form with X-Forwarded-Proto: https; whether the cookie came back marked secure.</summary>
    private static async Task<bool> SecureCookieVia(TestPlatform p)
    {
        var token = p.Account(Xinyong.Storage.Accounts.AccountKinds.Staff, "XY-PRX", "公共信用工作机构");
        var c = Xinyong.Tests.Publication.QuerySupport.Browser(p);
        var html = await c.GetStringAsync("/signin");
        var anti = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var m = new HttpRequestMessage(HttpMethod.Post, "/signin?handler=Staff")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = "XY-PRX", ["token"] = token, ["__RequestVerificationToken"] = anti }),
        };
        m.Headers.Add("X-Forwarded-For", "203.0.113.9");
        m.Headers.Add("X-Forwarded-Proto", "https");
        var r = await c.SendAsync(m);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var cookie = r.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith("xinyong=", StringComparison.Ordinal));
        return cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task X_forwarded_for_is_ignored_from_an_unknown_proxy()
    {
        await using var p = await TestPlatform.Start("sqlite", configure: o => o with { OpenDataRatePerMinute = 1 });
        Assert.Equal(HttpStatusCode.OK, await FeedFrom(p, "203.0.113.1"));
        // Claiming another address does not make a new client: the connection's address is counted.
        Assert.Equal(HttpStatusCode.TooManyRequests, await FeedFrom(p, "203.0.113.2"));
        // X-Forwarded-Proto is ignored too: the request stays http, the cookie is not marked secure.
        Assert.False(await SecureCookieVia(p));
    }

    [Fact]
    public async Task X_forwarded_for_is_honoured_from_a_known_proxy()
    {
        await using var p = await TestPlatform.Start("sqlite", configure: o => o with { OpenDataRatePerMinute = 1, KnownProxies = ["127.0.0.1"] });
        Assert.Equal(HttpStatusCode.OK, await FeedFrom(p, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await FeedFrom(p, "203.0.113.2"));          // another client behind the proxy
        Assert.Equal(HttpStatusCode.TooManyRequests, await FeedFrom(p, "203.0.113.1")); // the first one again
        // X-Forwarded-Proto: https from the proxy makes the request https: the sign-in cookie is marked secure.
        Assert.True(await SecureCookieVia(p));
    }
}
