using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Storage.Accounts;
using Xinyong.Web;
using Xinyong.Web.Platform;
using Xinyong.Application.Platform;

namespace Xinyong.Tests.Support;

/// <summary>A real platform on Kestrel (a free port on 127.0.0.1) over a throwaway store, with a clock the test moves.</summary>
public sealed class TestPlatform : IAsyncDisposable
{
    private readonly bool _ownsStore;

    private TestPlatform(WebApplication app, TempStore store, ManualClock clock, Uri url, bool ownsStore)
    {
        App = app; Store = store; Clock = clock; Url = url; _ownsStore = ownsStore;
        Http = new HttpClient { BaseAddress = url };
    }

    public WebApplication App { get; }
    public TempStore Store { get; }
    public ManualClock Clock { get; }
    public Uri Url { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>Starts a platform on a store kind ("sqlite" or "postgres"), or as a second instance on the store of another
    /// (<paramref name="on"/>: it shares the store and its keys, and leaves the store to its owner to remove).</summary>
    public static async Task<TestPlatform> Start(string store, string now = "2026-11-22T10:00:00+08:00", bool sample = false, Func<PlatformOptions, PlatformOptions>? configure = null,
        TempStore? on = null)
    {
        var s = on ?? TestStores.Create(store);
        var clock = new ManualClock(now);
        var o = new PlatformOptions
        {
            Port = 0, Db = s.Db, Sample = sample, Rules = Paths.Rules, KeysDirectory = Path.Combine(s.Folder, "keys"), Clock = clock,
            SearchRatePerMinute = 0, JobInterval = TimeSpan.FromHours(1),
        };
        var app = PlatformHost.Build(configure?.Invoke(o) ?? o);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestPlatform(app, s, clock, new Uri(address.Replace("[::]", "127.0.0.1")), ownsStore: on is null);
    }

    /// <summary>Registers an account and returns its token.</summary>
    public string Account(string kind, string code, string name, params string[] items) =>
        Services.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount(code, kind, name, "province", "230000", Items: items, Role: kind == AccountKinds.Staff ? "agency" : null));

    /// <summary>A client that sends a bearer token.</summary>
    public HttpClient As(string token)
    {
        var c = new HttpClient { BaseAddress = Url };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    /// <summary>GET and parse JSON.</summary>
    public async Task<(int Status, JsonElement Body)> GetJson(string path, HttpClient? client = null)
    {
        var r = await (client ?? Http).GetAsync(path);
        var text = await r.Content.ReadAsStringAsync();
        return ((int)r.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>POST JSON and parse the answer.</summary>
    public static async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> PostJson(HttpClient client, string path, object body)
    {
        var r = await client.PostAsJsonAsync(path, body);
        var text = await r.Content.ReadAsStringAsync();
        return ((int)r.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), r);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Http.Dispose();
        if (_ownsStore) Store.Dispose();
    }
}
