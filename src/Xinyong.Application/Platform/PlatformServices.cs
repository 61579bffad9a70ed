using Xinyong.Calendar;
using Xinyong.Catalog;
using Xinyong.Storage;
using Xinyong.Storage.Accounts;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Collection;
using Xinyong.Storage.Publication;
using Xinyong.Storage.Subjects;
using Xinyong.Subjects;
using Xinyong.Application.Audit;
using Xinyong.Application.Disclosure;
using Xinyong.Application.Lists;

namespace Xinyong.Application.Platform;

/// <summary>The services every feature stands on: store, clock, rules, secrets and the core stores.</summary>
public static class PlatformServices
{
    /// <summary>The secrets folder of an instance: <see cref="PlatformOptions.KeysDirectory"/>, else <c>keys/</c> beside the
    /// SQLite file, else <c>./data/keys</c>.</summary>
    public static Secrets SecretsOf(PlatformOptions o)
    {
        var db = Database.FromArgument(o.Db);
        return new Secrets(o.KeysDirectory ?? (db.SqliteFile is { } f ? Path.Combine(Path.GetDirectoryName(f)!, "keys") : Path.GetFullPath(Path.Combine("data", "keys"))));
    }

    /// <summary>Registers the core services for <paramref name="o"/>.</summary>
    public static IServiceCollection AddPlatformCore(this IServiceCollection s, PlatformOptions o)
    {
        var db = Database.FromArgument(o.Db);
        var rules = RulesLocation.Resolve(o.Rules);
        var clock = o.Clock ?? TimeProvider.System;
        var secrets = SecretsOf(o);

        s.AddSingleton(o);
        s.AddSingleton(sp => ReadReplicas.Logged(db.WithReadReplica(o.ReadReplica), sp));
        s.AddSingleton(clock);
        s.AddSingleton(new RulesFolder(rules));
        s.AddSingleton(secrets);
        s.AddSingleton(CatalogSet.Load(rules, clock));
        s.AddSingleton(CalendarFiles.Load(RulesLocation.CalendarDirectory(rules)));
        s.AddSingleton(new PersonalIdHasher(secrets.PersonalIdKey()));
        s.AddSingleton<AccountStore>();
        s.AddSingleton<SubjectStore>();
        s.AddSingleton<RecordReader>();
        s.AddSingleton<CollectionPipeline>();
        s.AddSingleton(sp => new Xinyong.Storage.Emergencies.EmergencyRegistry(sp.GetRequiredService<Database>(),
            Xinyong.Emergencies.EmergencyDeclaration.Load(rules), sp.GetRequiredService<Xinyong.Storage.Audit.AuditChain>(), clock));   // Art. 30 (3) (issue 15)
        s.AddSingleton<IBatchLoadedHandler>(sp => sp.GetRequiredService<Xinyong.Storage.Emergencies.EmergencyRegistry>());
        s.AddSingleton<Xinyong.Application.Emergencies.EmergencyDesk>();
        s.AddSingleton<ProviderQuality>();
        s.AddSingleton<RecordChanges>();
        s.AddSingleton<Xinyong.Application.Collection.RecordChangeDesk>();
        s.AddAuditChain(secrets, clock);
        s.AddSingleton<AccessLog>();
        s.AddSingleton<Xinyong.Storage.Notifications.Outbox>();
        s.AddSingleton<Xinyong.Storage.Lists.ListStore>();
        s.AddSingleton<Xinyong.Application.Lists.ListEnding>();
        s.AddSingleton(Xinyong.Security.SignInRules.Load(rules));
        s.AddSingleton<SubjectAccounts>();
        s.AddSingleton<SignInThrottle>();
        s.AddSingleton<SubjectSignInDesk>();
        s.AddListsAndChecks(rules, clock);
        s.AddDisclosure();   // 两书同达 notices of collected negative records (issue 15)
        return s;
    }
}

/// <summary>The rules folder of this instance (catalog, calendar, measures, deadlines …).</summary>
public sealed record RulesFolder(string Path);
