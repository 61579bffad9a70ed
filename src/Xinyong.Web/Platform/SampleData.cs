using Dapper;
using Xinyong.Collection.Sources;
using Xinyong.Storage;
using Xinyong.Storage.Collection;

namespace Xinyong.Web.Platform;

/// <summary>
/// The sample data (<c>data/sample/*.csv</c>, one file per catalog item, fictional subjects) loaded into an empty store
/// on first start through the ordinary collection pipeline, by the sample provider unit <c>SAMPLE</c>.
/// </summary>
public static class SampleData
{
    /// <summary>The sample provider's code.</summary>
    public const string Provider = "SAMPLE";

    /// <summary>Loads the sample when the store holds no subject yet. Returns the number of records loaded.</summary>
    public static int LoadIfEmpty(IServiceProvider sp)
    {
        var db = sp.GetRequiredService<Database>();
        using (var c = db.Open())
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM subjects") > 0 || c.ExecuteScalar<long>("SELECT COUNT(*) FROM batches") > 0) return 0;

        var folder = Path.Combine(sp.GetRequiredService<RulesFolder>().Path, "sample");
        if (!Directory.Exists(folder)) return 0;
        var catalog = sp.GetRequiredService<CatalogSet>();
        var accounts = sp.GetRequiredService<AccountStore>();
        var pipeline = sp.GetRequiredService<CollectionPipeline>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Xinyong.Sample");

        accounts.AddOrUpdate(new NewAccount(Provider, AccountKinds.Provider, "示例数据提供单位", "province", "230000", Items: catalog.Current.Items.Keys.ToList()), actor: "platform:sample");
        var account = accounts.Get(Provider)!;
        var loaded = 0;
        // Registration first, so that subjects take their registered names.
        foreach (var file in Directory.GetFiles(folder, "*.csv").OrderBy(f => Path.GetFileNameWithoutExtension(f) == "registration" ? "" : f, StringComparer.Ordinal))
        {
            var item = Path.GetFileNameWithoutExtension(file);
            if (catalog.Item(item) is null) { log.LogWarning("sample file {File} names no catalog item: skipped", file); continue; }
            using var source = RecordSources.Open(File.OpenRead(file), SourceFormat.Csv);
            var r = pipeline.Import(new ImportRequest(account, item, "sample", FileName: Path.GetFileName(file)), source);
            foreach (var rej in r.Rejected)
                log.LogWarning("sample {File} row {Row}: {Errors}", Path.GetFileName(file), rej.Row, string.Join("; ", rej.Errors.Select(e => $"{e.Field}: {e.Message}")));
            loaded += r.Accepted;
        }
        log.LogInformation("sample data loaded: {Records} records", loaded);
        return loaded;
    }
}
