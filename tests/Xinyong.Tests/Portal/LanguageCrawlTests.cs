using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Xinyong.Tests.Security;
using Xinyong.Tests.Support;

namespace Xinyong.Tests.Portal;

/// <summary>
/// Nothing but Chinese reaches a person: a platform with the sample data and the authorization matrix's workflows (an
/// objection with an assistance request and a pause, a repair application, a list entry, an authorization) is crawled
/// as each kind of user — every page reachable by links from the home page and every page of the authorization matrix,
/// plus each page form submitted as the matrix fills it and empty — and any Latin-script word in the text a person
/// sees (text, titles, labels, placeholders, button texts, image descriptions) outside <see cref="Allowed"/> fails.
/// </summary>
public sealed partial class LanguageCrawlTests
{
    /// <summary>The kinds of user the crawl signs in as.</summary>
    private static readonly string[] CrawlRoles = ["anon", "subject", "prov-own", "dept", "inst", "agency", "unit-own", "auditor", "authority", "window"];

    /// <summary>Latin-script words a person needs or that name something in its own script.</summary>
    private static readonly HashSet<string> AllowedWords = new(StringComparer.Ordinal)
    {
        "PDF", "CSV", "csv", "xlsx", "jsonl", "Excel", "TOTP", "QR", "Xinyong", "AGPL-3.0-or-later", "ICP", "API", "SVG", "Markdown", "URL", "JSON", "Base64",
    };

    /// <summary>Latin-script tokens that are codes a person needs: identifiers (USCC, account and unit codes, report and
    /// decision numbers), subject references, hashes, addresses.</summary>
    private static bool Allowed(string token) =>
        AllowedWords.Contains(token)
        || UpperCode().IsMatch(token)        // USCC, account codes (HRB-SJ, AG-01), report numbers, base32 keys
        || SubjectRef().IsMatch(token)       // P + 16 hex: a natural person's public reference
        || Hex().IsMatch(token)              // hashes and key ids of the audit chain
        || Address().IsMatch(token);         // a mail address or web address a person types or follows

    private sealed record Finding(string Role, string Url, string Token, string Context);

    /// <summary>The account each signed-in role of the matrix uses (signed in through the portal, as a person does).</summary>
    private static readonly Dictionary<string, string> AccountOf = new()
    {
        ["prov-own"] = MatrixPlatform.OwnProvider, ["dept"] = MatrixPlatform.Department, ["inst"] = MatrixPlatform.Institution, ["agency"] = "AG-01",
        ["unit-own"] = "SJ-01", ["auditor"] = "AU-01", ["authority"] = "AT-01", ["window"] = "WD-01",
    };

    /// <summary>A browser-like client of a role: cookies of a portal sign-in, never a bearer header.</summary>
    private static async Task<HttpClient> PersonOf(MatrixPlatform m, string role)
    {
        var matrixClient = m.Clients[role];
        if (matrixClient.DefaultRequestHeaders.Authorization is not { } bearer) return matrixClient;
        var c = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = m.P.Url };
        var token = Antiforgery().Match(await c.GetStringAsync("/signin")).Groups[1].Value;
        var r = await c.PostAsync("/signin?handler=Staff", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = AccountOf[role], ["token"] = bearer.Parameter!, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        return c;
    }

    [Fact]
    public async Task Every_page_as_every_kind_of_user_shows_no_latin_text_outside_the_allow_list()
    {
        await using var m = await MatrixPlatform.Start("sqlite", sample: true);
        var findings = new List<Finding>();
        var pages = 0;
        var known = m.Endpoints().Where(e => e.IsPage && e.Method == "GET").Select(e => m.Fill(e.Pattern) + (e.Handler is null ? "" : "?handler=" + e.Handler)).ToList();
        var gone = new[] { "/no-such-page", "/subjects/91230100MA1ZZZZZ9X", "/records/999999", "/staff/objections/999999", "/lists/entries/999999", "/content/news/999999" };
        var people = new Dictionary<string, HttpClient>();
        foreach (var role in CrawlRoles) people[role] = await PersonOf(m, role);
        foreach (var role in CrawlRoles)
        {
            var client = people[role];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var perPath = new Dictionary<string, int>(StringComparer.Ordinal);
            var queue = new Queue<string>(["/", .. known, .. gone]);
            while (queue.Count > 0 && seen.Count < 400)
            {
                var url = queue.Dequeue();
                if (!seen.Add(url)) continue;
                var path = url.Split('?')[0];
                perPath[path] = perPath.GetValueOrDefault(path) + 1;
                if (perPath[path] > 6) continue;   // paging and filters: a few variants of a page are enough
                var r = await client.GetAsync(url);
                if ((int)r.StatusCode is 301 or 302 or 303 && r.Headers.Location is { } next) { queue.Enqueue(Local(next.ToString())); continue; }
                var doc = await Html(r);
                if (doc is null) { if (IsProblemJson(r)) findings.Add(new(role, url, "problem+json", "a JSON error body instead of a page")); continue; }
                pages++;
                Check(role, url, doc, findings);
                foreach (var a in doc.QuerySelectorAll("a[href]"))
                    if (Crawlable(a.GetAttribute("href")!) is { } link && !seen.Contains(link)) queue.Enqueue(link);
            }
        }

        // Forms: every page handler posted as the authorization matrix fills it, and empty (the refusals people see).
        var forms = m.Endpoints().Where(e => e.IsPage && e.Method == "POST" && !e.Key.Contains("/signout", StringComparison.Ordinal)).ToList();
        foreach (var role in new[] { "anon", "subject", "prov-own", "agency", "auditor", "window" })
        foreach (var e in forms)
        foreach (var filled in new[] { true, false })
        {
            var client = people[role];
            var path = m.Fill(e.Pattern) + (e.Handler is null ? "" : "?handler=" + e.Handler);
            var page = await client.GetAsync(m.Fill(e.Pattern));
            var token = Antiforgery().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
            if (token.Length == 0) token = Antiforgery().Match(await client.GetStringAsync("/signin")).Groups[1].Value;
            var fields = new Dictionary<string, string>(filled ? AuthorizationMatrix.FormOf(e.Key, m.Ids) : new Dictionary<string, string>()) { ["__RequestVerificationToken"] = token };
            var r = await client.PostAsync(path, new FormUrlEncodedContent(fields));
            if (await Html(r) is { } doc) { pages++; Check(role, "POST " + path + (filled ? "" : " (empty)"), doc, findings); }
            else if (IsProblemJson(r)) findings.Add(new(role, "POST " + path, "problem+json", "a JSON error body instead of a page"));
        }

        var report = string.Join("\n", findings.GroupBy(f => (f.Token, f.Url.Split('?')[0])).Select(g => $"{g.First().Role,-10} {g.First().Url}: «{g.Key.Token}» in «{g.First().Context}»"));
        Assert.True(findings.Count == 0, $"{findings.Count} Latin-script texts on {pages} pages:\n{report}");
        Assert.True(pages > 500, $"only {pages} pages crawled");
    }

    private static void Check(string role, string url, IDocument doc, List<Finding> findings)
    {
        foreach (var (text, where) in VisibleTexts(doc))
        foreach (Match t in Token().Matches(text))
            if (!Allowed(t.Value.Trim('.', ':', '-', '_', '/')) && t.Value.Count(char.IsAsciiLetter) >= 2)
                findings.Add(new(role, url, t.Value, Around(text, t.Index) + where));
    }

    /// <summary>
    /// The texts a person sees: text nodes outside script and style; the title; labels people read in attributes. Left
    /// out: what a person types or copies as it is — commands, file formats, keys and signatures in <c>code</c>,
    /// <c>kbd</c> and <c>samp</c>, the audit chain's verbatim entries (<c>.raw</c>) — and text a person entered in a
    /// <c>textarea</c>.
    /// </summary>
    private static IEnumerable<(string Text, string Where)> VisibleTexts(IDocument doc)
    {
        yield return (doc.Title ?? "", " (title)");
        var walker = doc.Body is null ? [] : doc.Body.Descendants<IText>();
        foreach (var t in walker)
            if (t.ParentElement is { } p && p.LocalName is not ("script" or "style" or "noscript" or "textarea") && p.Closest("code, kbd, samp, .raw, template") is null)
                yield return (t.Data, "");
        foreach (var el in doc.QuerySelectorAll("[placeholder],[alt],[title],[aria-label],input[type=submit][value],input[type=button][value]"))
            foreach (var attr in new[] { "placeholder", "alt", "title", "aria-label" }.Concat(el.LocalName == "input" ? ["value"] : []))
                if (el.GetAttribute(attr) is { Length: > 0 } v) yield return (v, $" ({attr})");
    }

    private static async Task<IDocument?> Html(HttpResponseMessage r) =>
        r.Content.Headers.ContentType?.MediaType == "text/html" ? new HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync()) : null;

    private static bool IsProblemJson(HttpResponseMessage r) => r.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json";

    private static string? Crawlable(string href)
    {
        if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal)) return null;
        var link = Local(href);
        var path = link.Split('?')[0];
        if (path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/static/", StringComparison.Ordinal) || path.StartsWith("/openapi", StringComparison.Ordinal)) return null;
        if (path is "/signout" || Download().IsMatch(link)) return null;
        return link;
    }

    private static string Local(string href) => href.Split('#')[0] is { Length: > 0 } s ? (Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme.StartsWith("http") ? u.PathAndQuery : s) : "/";

    private static string Around(string text, int at)
    {
        var s = Math.Max(0, at - 20);
        return text.Substring(s, Math.Min(text.Length - s, 50)).Replace('\n', ' ').Trim();
    }

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9._:@/+\-]*[A-Za-z0-9]|[A-Za-z]")]
    private static partial Regex Token();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9\-]*$")]
    private static partial Regex UpperCode();

    [GeneratedRegex(@"^P[0-9a-fA-F]{16}$")]
    private static partial Regex SubjectRef();

    [GeneratedRegex(@"^(ak-)?[0-9a-f]{8,}$")]
    private static partial Regex Hex();

    [GeneratedRegex(@"^([^@\s]+@[A-Za-z0-9.\-]+\.[a-z]{2,}|https?://\S+|[a-z0-9\-]+(\.[a-z0-9\-]+)*\.(cn|com|gov\.cn|org))$")]
    private static partial Regex Address();

    [GeneratedRegex(@"(\.(csv|xlsx|pdf|jsonl|png|svg)(\?|$))|[?&](format|export)=|/download|/export|/attachments/")]
    private static partial Regex Download();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
