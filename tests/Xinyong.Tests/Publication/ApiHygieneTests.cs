using System.Net;
using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Xinyong.Tests.Support;
using static Xinyong.Tests.Publication.QuerySupport;
using static Xinyong.Tests.Support.Shuanggongshi;

namespace Xinyong.Tests.Publication;

/// <summary>The OpenAPI document, problem+json errors and the per-client rate limit of public search.</summary>
public class ApiHygieneTests
{
    [Fact]
    public async Task The_openapi_document_is_valid_openapi_3_and_describes_every_query_endpoint()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var r = await p.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var text = await r.Content.ReadAsStringAsync();
        var read = OpenApiDocument.Parse(text, "json");
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.StartsWith("3.", read.Diagnostic.SpecificationVersion.ToString().Replace("OpenApi", "").Replace("_", "."));
        var paths = read.Document!.Paths.Keys.ToHashSet();
        foreach (var path in new[]
                 {
                     "/api/v1/subjects/{code}", "/api/v1/search", "/api/v1/authorized/subjects/{code}", "/api/v1/authorizations",
                     "/api/v1/shared/subjects/{code}", "/api/v1/open/records.jsonl",
                 })
            Assert.Contains(path, paths);
        foreach (var (path, item) in read.Document.Paths)
            foreach (var (method, op) in item.Operations!)
                Assert.False(string.IsNullOrWhiteSpace(op.Summary), $"{method} {path} has no summary");
        var search = read.Document.Paths["/api/v1/search"].Operations![HttpMethod.Get];
        Assert.Contains("429", search.Responses!.Keys);
    }

    [Fact]
    public async Task Errors_are_problem_json_with_the_one_map_of_chinese_titles()
    {
        await using var p = await TestPlatform.Start("sqlite");
        foreach (var (path, status) in new[] { ("/api/v1/subjects/123", 400), ($"/api/v1/subjects/{Uscc("MA1N0B0DY")}", 404), ("/api/v1/search", 400), ("/api/v1/authorized/subjects/123", 401) })
        {
            var r = await p.Http.GetAsync(path);
            Assert.Equal(status, (int)r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
            var body = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
            // One status-to-title map: the refusal handler's, whether the endpoint refused or the pipeline did; no English.
            var title = body.GetProperty("title").GetString()!;
            Assert.DoesNotContain(title, char.IsAsciiLetter);
            if (status != 401) Assert.Equal(Xinyong.Web.Api.RefusalHandler.TitleOf(status == 404 ? RefusalKind.NotFound : RefusalKind.Invalid), title);
            Assert.Equal(status, body.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task Public_search_is_limited_per_client_with_a_429_page_and_retry_after()
    {
        await using var p = await TestPlatform.Start("sqlite", configure: o => o with { SearchRatePerMinute = 3 });
        await Push(p, "admin-penalty", CompanyPenalty("哈尔滨限流示例有限公司", Uscc("MA1L1M1T1"), "哈市监罚〔2026〕0001号"));
        var q = "/search?q=" + Uri.EscapeDataString("限流示例");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await p.Http.GetAsync(q)).StatusCode);

        var page = await p.Http.GetAsync(q);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        var retry = page.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retry.TotalSeconds, 1, 60);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("查询过于频繁", await page.Content.ReadAsStringAsync());

        var api = await p.Http.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString("限流示例"));
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(api.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await p.Http.GetAsync($"/subjects/{Uscc("MA1L1M1T1")}")).StatusCode);
        // Pages that are not public queries are not limited.
        Assert.Equal(HttpStatusCode.OK, (await p.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_success_body_of_every_operation()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var read = OpenApiDocument.Parse(await p.Http.GetStringAsync("/openapi/v1.json"), "json").Document!;
        var untyped = new List<string>();
        foreach (var (path, item) in read.Paths)
            foreach (var (method, op) in item.Operations!)
            {
                var success = op.Responses!.Where(r => r.Key.StartsWith('2')).ToList();
                var described = success.Count > 0 && success.All(r => r.Key == "204"
                    || r.Value.Content is { Count: > 0 } c && c.All(x => x.Value.Schema is not null || !x.Key.Contains("json")));
                if (!described) untyped.Add($"{method} {path}");
            }
        Assert.True(untyped.Count == 0, "success body not described (type the endpoint's answer and declare it with Produces<T>):\n" + string.Join("\n", untyped));

        // A member left out when null is not required: the document must not promise what the answer omits.
        var omitted = typeof(Xinyong.Web.PlatformHost).Assembly.GetTypes()
            .Where(t => read.Components?.Schemas?.ContainsKey(t.Name) == true)
            .SelectMany(t => t.GetProperties().Where(x => x.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), true)
                .Cast<System.Text.Json.Serialization.JsonIgnoreAttribute>().Any(a => a.Condition == System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull))
                .Select(x => (Schema: t.Name, Name: JsonNamingPolicy.CamelCase.ConvertName(x.Name))))
            .ToList();
        Assert.NotEmpty(omitted);
        foreach (var (schema, name) in omitted)
            Assert.False(read.Components!.Schemas![schema].Required?.Contains(name) == true, $"{schema}.{name} is left out when null but required");
    }

    /// <summary>The POST, PUT and PATCH operations that read no request body: an action named by its path alone. Any other
    /// write must say what it reads (a typed body parameter, or <c>DescribesBody&lt;T&gt;</c> for a form or a body read by hand).</summary>
    private static readonly HashSet<string> TakesNoBody =
    [
        "POST /api/v1/notifications/{id}/read",   // marks the notice read
    ];

    [Fact]
    public async Task The_openapi_document_describes_the_request_body_of_every_write()
    {
        await using var p = await TestPlatform.Start("sqlite");
        var read = OpenApiDocument.Parse(await p.Http.GetStringAsync("/openapi/v1.json"), "json").Document!;
        var without = new List<string>();
        var schemaless = new List<string>();
        var writes = new HashSet<string>();
        foreach (var (path, item) in read.Paths)
            foreach (var (method, op) in item.Operations!)
            {
                if (method != HttpMethod.Post && method != HttpMethod.Put && method != HttpMethod.Patch) continue;
                var name = $"{method} {path}";
                writes.Add(name);
                if (op.RequestBody?.Content is not { Count: > 0 } content) without.Add(name);
                else if (content.Any(c => c.Value.Schema is null)) schemaless.Add(name);
            }
        Assert.True(schemaless.Count == 0, "request body without a schema:\n" + string.Join("\n", schemaless));
        var undescribed = without.Except(TakesNoBody).ToList();
        Assert.True(undescribed.Count == 0, "request body not described (a typed body parameter, or DescribesBody<T>; or, if it reads none, list it in TakesNoBody):\n" + string.Join("\n", undescribed));
        var describedSince = TakesNoBody.Except(without).ToList();
        Assert.True(describedSince.Count == 0, "reads a body now, or is gone; take off TakesNoBody:\n" + string.Join("\n", describedSince));
    }
}
