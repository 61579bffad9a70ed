using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Catalog;
using Xinyong.Collection.Sources;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Collection;
using Xinyong.Web;

namespace Xinyong.Cli;

/// <summary>
/// The platform commands: <c>serve</c>, <c>provider add</c>, <c>department add</c>, <c>staff add</c>,
/// <c>institution add</c>, <c>import</c>. They share the options <c>--db</c>, <c>--rules</c> and <c>--keys</c>.
/// </summary>
internal static class PlatformCommands
{
    internal static readonly Option<string?> Db = new("--db") { Description = "SQLite file or PostgreSQL connection string (default ./data/xinyong.db; config Db, or XINYONG_DB)" };
    internal static readonly Option<string?> Rules = new("--rules") { Description = "rules folder (default ./data; config Rules, or XINYONG_RULES)" };
    internal static readonly Option<string?> Keys = new("--keys") { Description = "secrets folder (default: keys/ beside the SQLite file; config Keys)" };

    public static void Add(RootCommand root, CliContext ctx)
    {
        root.Subcommands.Add(Serve(ctx));
        root.Subcommands.Add(AccountCommand(ctx, "provider", AccountKinds.Provider, "公共信用信息提供单位: provider units that push records", withItems: true, withRole: false));
        root.Subcommands.Add(AccountCommand(ctx, "department", AccountKinds.Department, "departments that check subjects and read shared items", withItems: true, withRole: false));
        root.Subcommands.Add(AccountCommand(ctx, "staff", AccountKinds.Staff, "staff of the credit agency and units (objections, repairs, lists)", withItems: false, withRole: true));
        root.Subcommands.Add(AccountCommand(ctx, "institution", AccountKinds.Institution, "banks and credit-service firms (authorized queries)", withItems: false, withRole: false));
        root.Subcommands.Add(Import(ctx));
        root.Subcommands.Add(SubjectAccount(ctx));
    }

    private static Command SubjectAccount(CliContext ctx)
    {
        var code = new Option<string>("--code") { Required = true, Description = "the subject's USCC or resident identity number" };
        var password = new Option<string?>("--password") { Description = "a password (at least 8 characters)" };
        var oneTime = new Option<bool>("--one-time") { Description = "issue a one-time code instead (valid as data/security/signin.yaml says, 120 minutes as shipped)" };
        var by = new Option<string>("--by") { Description = "who sets it (staff code)", DefaultValueFactory = _ => "cli" };
        var set = new Command("set", "Open a subject's self-query sign-in: a password, or a one-time code") { code, password, oneTime, by };
        Common(set);
        set.SetAction(pr =>
        {
            var pw = pr.GetValue(password);
            if (pw is null == !pr.GetValue(oneTime)) throw new UsageException("give either --password or --one-time");
            using var sp = Services(OptionsOf(pr));
            var store = sp.GetRequiredService<Xinyong.Storage.Subjects.SubjectAccounts>();
            try
            {
                if (pw is not null)
                {
                    var s = store.SetPassword(pr.GetValue(code)!, pw, pr.GetValue(by)!);
                    if (s is null) { ctx.Err.WriteLine($"xinyong: no subject with code {pr.GetValue(code)}"); return 1; }
                    ctx.Out.WriteLine(Json.Line(new { subject = s.Ref, password = "set" }));
                }
                else
                {
                    var r = store.IssueOneTimeCode(pr.GetValue(code)!, pr.GetValue(by)!);
                    if (r is null) { ctx.Err.WriteLine($"xinyong: no subject with code {pr.GetValue(code)}"); return 1; }
                    ctx.Out.WriteLine(Json.Line(new { subject = r.Value.Subject.Ref, oneTimeCode = r.Value.Code, validMinutes = (int)store.OneTimeValidity.TotalMinutes }));
                }
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                ctx.Err.WriteLine($"xinyong: {ex.Message}");
                return 1;
            }
        });
        var group = new Command("subject-account", "Self-query sign-in of credit subjects (Art. 24)");
        group.Subcommands.Add(set);
        return group;
    }

    /// <summary>The options every platform command shares: the configuration file, the environment, then the command
    /// line (<see cref="ConfigCommands.Read"/>).</summary>
    public static PlatformOptions OptionsOf(ParseResult pr, IReadOnlyDictionary<string, Option>? more = null)
    {
        var options = new Dictionary<string, Option> { ["Db"] = Db, ["Rules"] = Rules, ["Keys"] = Keys };
        foreach (var (k, o) in more ?? new Dictionary<string, Option>()) options[k] = o;
        return ConfigCommands.Read(pr, options);
    }

    /// <summary>The core services over the store, migrated (no web server), with the services <paramref name="more"/> adds.</summary>
    public static ServiceProvider Services(PlatformOptions o, Func<IServiceCollection, IServiceCollection>? more = null)
    {
        var services = new ServiceCollection().AddLogging().AddPlatformCore(o);
        var sp = (more?.Invoke(services) ?? services).BuildServiceProvider();
        Migrator.Migrate(sp.GetRequiredService<Database>());
        Xinyong.Application.Network.NetworkServices.InstallCapture(sp.GetRequiredService<Database>(), o);   // a node's changes are forwarded whoever makes them
        return sp;
    }

    /// <summary>Adds the shared options --db, --rules and --keys to a command.</summary>
    internal static void Common(Command c)
    {
        c.Options.Add(ConfigCommands.File);
        c.Options.Add(Db);
        c.Options.Add(Rules);
        c.Options.Add(Keys);
    }

    private static Command Serve(CliContext ctx)
    {
        var port = new Option<int?>("--port") { Description = "port of the portal and API (default 5080; config Port)" };
        var noSample = new Option<bool>("--no-sample") { Description = "do not load the sample data into an empty store (config Sample: false)" };
        var now = new Option<string?>("--now") { Description = "start the clock at this moment (ISO 8601, e.g. 2026-09-30T10:00:00+08:00) and let it run on" };
        var host = new Option<string?>("--host") { Description = "address to bind (default 127.0.0.1; config Host)" };
        var publicUrl = new Option<string?>("--public-url") { Description = "the platform's public address, used in report QR codes (config PublicUrl)" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "port of the Prometheus scrape endpoint /metrics on 127.0.0.1 (default none; config Metrics:Port)" };
        var trustedProxy = new Option<string[]>("--trusted-proxy") { Description = "IP address of a reverse proxy whose X-Forwarded-For/-Proto are believed (repeatable; default none; config KnownProxies)", AllowMultipleArgumentsPerToken = false };
        var serve = new Command("serve", "Run the platform: portal and API") { port, noSample, now, host, publicUrl, metricsPort, trustedProxy };
        Common(serve);
        serve.SetAction(async (pr, ct) =>
        {
            var o = OptionsOf(pr, new Dictionary<string, Option>
            {
                ["Port"] = port, ["Sample"] = noSample, ["Now"] = now, ["Host"] = host, ["PublicUrl"] = publicUrl, ["Metrics:Port"] = metricsPort,
            });
            var proxies = (pr.GetValue(trustedProxy) ?? []).Select(p => p.Trim()).ToList();
            if (proxies.FirstOrDefault(p => !System.Net.IPAddress.TryParse(p, out _)) is { } badProxy)
                throw new UsageException($"--trusted-proxy: '{badProxy}' is not an IP address");
            if (proxies.Count > 0) o = o with { KnownProxies = proxies };
            var app = PlatformHost.Build(o);
            await app.StartAsync(ct);
            var db = app.Services.GetRequiredService<Database>();
            await ctx.Out.WriteLineAsync($"Xinyong 信用平台 listening on {string.Join(", ", app.Urls)} ({db.Display}); press Ctrl+C to stop");
            if (o.MetricsPort > 0) await ctx.Out.WriteLineAsync($"metrics: http://{o.MetricsHost}:{o.MetricsPort}/metrics");
            if (o.Clock is { } clock) await ctx.Out.WriteLineAsync($"clock set to {clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss zzz}");
            await app.WaitForShutdownAsync(ct);
            return 0;
        });
        return serve;
    }

    private static Command AccountCommand(CliContext ctx, string name, string kind, string description, bool withItems, bool withRole)
    {
        var group = new Command(name, description);
        var code = new Option<string>("--code") { Required = true, Description = "the account's code" };
        var accountName = new Option<string>("--name") { Required = true, Description = "the unit's name" };
        var level = new Option<string?>("--level") { Description = "province, city, county or township" };
        var region = new Option<string?>("--region") { Description = "six-digit division code" };
        var uscc = new Option<string?>("--uscc") { Description = "the unit's unified social credit code" };
        var items = new Option<string?>("--items") { Description = "catalog items, comma-separated (providers: may write; departments: may read)" };
        var role = new Option<string?>("--role") { Description = "the staff role: agency (decides every unit's cases), unit (its --unit's cases), authority and auditor (read only), window (opens subject sign-ins)", Required = withRole };
        var unit = new Option<string?>("--unit") { Description = "the provider or department code of the staff member's unit (none: the credit agency)" };
        level.AcceptOnlyFromAmong("province", "city", "county", "township");
        role.AcceptOnlyFromAmong([.. StaffRoles.All.Keys]);
        var add = new Command("add", $"Register {(name[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {name} (or update it) and issue a new bearer token; prints {{\"code\",\"token\"}}") { code, accountName, level, region, uscc };
        if (withItems) add.Options.Add(items);
        if (withRole) { add.Options.Add(role); add.Options.Add(unit); }
        Common(add);
        add.SetAction(pr =>
        {
            var o = OptionsOf(pr);
            using var sp = Services(o);
            var itemList = (pr.GetValue(items) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var catalog = sp.GetRequiredService<CatalogSet>();
            var unknown = itemList.Where(i => catalog.Item(i) is null).ToList();
            if (unknown.Count > 0)
            {
                ctx.Err.WriteLine($"xinyong: not in the catalog: {string.Join(", ", unknown)} (items: {string.Join(", ", catalog.Current.Items.Keys)})");
                return 1;
            }
            var token = sp.GetRequiredService<AccountStore>().AddOrUpdate(new NewAccount(
                pr.GetValue(code)!, kind, pr.GetValue(accountName)!, pr.GetValue(level), pr.GetValue(region), pr.GetValue(uscc),
                withRole ? pr.GetValue(role) : null, withItems ? itemList : null, withRole ? pr.GetValue(unit) : null));
            ctx.Out.WriteLine(Json.Line(new { code = pr.GetValue(code), token }));
            return 0;
        });
        group.Subcommands.Add(add);

        var list = new Command("list", $"List the {name} accounts");
        Common(list);
        list.SetAction(pr =>
        {
            using var sp = Services(OptionsOf(pr));
            foreach (var a in sp.GetRequiredService<AccountStore>().List(kind))
                ctx.Out.WriteLine(Json.Line(new { code = a.Code, name = a.Name, level = a.Level, region = a.Region, role = a.Role, items = a.Items.Order().ToArray() }));
            return 0;
        });
        group.Subcommands.Add(list);
        return group;
    }

    private static Command Import(CliContext ctx)
    {
        var provider = new Option<string>("--provider") { Required = true, Description = "the provider unit's code" };
        var item = new Option<string>("--item") { Required = true, Description = "the catalog item, e.g. admin-penalty" };
        var file = new Argument<string>("FILE") { Description = ".csv (UTF-8 or GB18030), .xlsx or .jsonl" };
        var json = new Option<bool>("--json") { Description = "print the result as one JSON line (as the API answers) instead of a summary" };
        var import = new Command("import", "Import a provider's file through the collection pipeline: a progress bar on a terminal, then a summary (--json: {\"rows\",\"accepted\",\"duplicates\",\"rejected\"})") { provider, item, file, json };
        Common(import);
        import.SetAction(pr =>
        {
            var path = pr.GetValue(file)!;
            if (!File.Exists(path)) { ctx.Err.WriteLine($"xinyong: file not found: {path}"); return 1; }
            var format = RecordSources.FormatOf(path);
            if (format is null) { ctx.Err.WriteLine($"xinyong: unsupported file '{path}': use .csv, .xlsx or .jsonl"); return 1; }
            using var sp = Services(OptionsOf(pr));
            var account = sp.GetRequiredService<AccountStore>().Get(pr.GetValue(provider)!);
            if (account is null || account.Kind != AccountKinds.Provider)
            {
                ctx.Err.WriteLine($"xinyong: no provider unit '{pr.GetValue(provider)}' (register it with: xinyong provider add)");
                return 1;
            }
            try
            {
                var asJson = pr.GetValue(json);
                var (r, took) = ImportOutput.Run(
                    source => sp.GetRequiredService<CollectionPipeline>().Import(new ImportRequest(account, pr.GetValue(item)!, "cli", FileName: Path.GetFileName(path)), source),
                    File.OpenRead(path), stream => RecordSources.Open(stream, format.Value), bar: !asJson && ImportOutput.Terminal(ctx.Err));
                if (asJson) ctx.Out.WriteLine(Json.Line(Xinyong.Application.Collection.ImportAnswer.Of(r)));
                else ImportOutput.Summary(ctx.Out, r, sp.GetRequiredService<Xinyong.Catalog.CatalogSet>().Item(r.Item), Path.GetFileName(path), took);
                return 0;
            }
            catch (Exception ex) when (ex is SourceException or ItemNotPermittedException or KeyNotFoundException)
            {
                ctx.Err.WriteLine($"xinyong: {ex.Message}");
                return 1;
            }
        });
        return import;
    }
}
