using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Xinyong.Reports;
using Xinyong.Storage.Audit;
using Xinyong.Storage.Reports;
using Xinyong.Storage.Subjects;

namespace Xinyong.Cli;

/// <summary>
/// <c>xinyong report CODE -o FILE [--full] [--public-url URL]</c> issues a credit report as the platform does (signed and
/// recorded in the register); <c>xinyong report verify FILE.pdf [--key PUBKEY.pem]</c> verifies a report file offline.
/// </summary>
internal static class ReportCommands
{
    public static void Add(RootCommand root, CliContext ctx)
    {
        var code = new Argument<string>("CODE") { Description = "the subject's USCC, resident identity number or reference (P…)" };
        var output = new Option<string>("--output", "-o") { Required = true, Description = "the PDF file to write" };
        var full = new Option<bool>("--full") { Description = "the full version (the subject's own report: every record, unmasked); logged in the access log" };
        var publicUrl = new Option<string?>("--public-url") { Description = "the platform's public address, for the QR code (default http://127.0.0.1:5080)" };
        var report = new Command("report", "Issue a subject's credit report (signed, recorded); prints {\"reportNo\",\"file\",\"sha256\"}") { code, output, full, publicUrl };
        PlatformCommands.Common(report);
        report.SetAction(pr =>
        {
            var o = PlatformCommands.OptionsOf(pr);
            o = o with { PublicUrl = pr.GetValue(publicUrl) ?? o.PublicUrl };
            using var sp = PlatformCommands.Services(o, s => s.AddReports(o));
            SubjectRow? subject;
            try { subject = sp.GetRequiredService<SubjectStore>().Find(pr.GetValue(code)!); }
            catch (FormatException ex) { throw new UsageException($"CODE: {ex.Message}"); }
            if (subject is null)
            {
                ctx.Err.WriteLine($"xinyong: no subject with code {pr.GetValue(code)}");
                return 1;
            }
            var version = pr.GetValue(full) ? ReportVersions.Full : ReportVersions.Public;
            var issued = sp.GetRequiredService<ReportIssuer>().Issue(subject, version, "operator", "cli");
            if (version == ReportVersions.Full)
                sp.GetRequiredService<AccessLog>().Record(subject.Id, "operator", "cli", "出具信用报告完整版（信用主体本人申请）",
                    $"credit-report:{issued.Record.ReportNo}", "cli");
            var file = Path.GetFullPath(pr.GetValue(output)!);
            try
            {
                File.WriteAllBytes(file, issued.Pdf);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ctx.Err.WriteLine($"xinyong: cannot write {file}: {ex.Message} (report {issued.Record.ReportNo} was issued and recorded)");
                return 1;
            }
            ctx.Out.WriteLine(Json.Line(new { reportNo = issued.Record.ReportNo, file, sha256 = issued.Record.Sha256, version }));
            return 0;
        });
        report.Subcommands.Add(Verify(ctx));
        root.Subcommands.Add(report);
    }

    private static Command Verify(CliContext ctx)
    {
        var file = new Argument<string>("FILE") { Description = "the report PDF" };
        var key = new Option<string?>("--key") { Description = "the platform's public key (PEM, as published at /.well-known/xinyong-report-key)" };
        var db = new Option<string?>("--db") { Description = "the platform's store, whose keys folder (keys/ beside the SQLite file) holds the signing key (default ./data/xinyong.db, or XINYONG_DB, like every other command)" };
        var keys = new Option<string?>("--keys") { Description = "the platform's secrets folder, holding report-signing.pem" };
        var verify = new Command("verify", "Verify a report file offline: exit 0 when it is signed by the platform key and unchanged, 1 with the precise reason when not") { file, key, db, keys };
        verify.SetAction(pr =>
        {
            var path = pr.GetValue(file)!;
            if (!File.Exists(path)) { ctx.Err.WriteLine($"xinyong: file not found: {path}"); return 1; }
            var pem = PublicKey(pr.GetValue(key), pr.GetValue(db), pr.GetValue(keys));
            VerificationResult r;
            try { r = ReportVerifier.Verify(File.ReadAllBytes(path), pem); }
            catch (ArgumentException) { throw new UsageException($"--key: {pr.GetValue(key)} holds no ECDSA P-256 public key"); }
            ctx.Out.WriteLine(Json.Line(new { valid = r.Valid, status = ReportChecker.StatusCode(r.Status), reason = r.Reason, reportNo = r.ReportNumber, sha256 = r.Sha256, keyId = r.KeyId }));
            if (r.Valid) return 0;
            ctx.Err.WriteLine($"xinyong: {r.Reason}");
            return 1;
        });
        return verify;
    }

    /// <summary>
    /// The public key PEM to verify against: the --key file; else the platform's own signing key in its secrets folder
    /// (--keys, or keys/ beside the SQLite file of --db, which defaults like every other command to XINYONG_DB or
    /// ./data/xinyong.db), never created here. When no store was named (neither --db, --keys nor XINYONG_DB) and the
    /// default store holds no key: null (the signer cannot be checked).
    /// </summary>
    private static string? PublicKey(string? keyFile, string? db, string? keysFolder)
    {
        if (keyFile is not null)
            return File.Exists(keyFile) ? File.ReadAllText(keyFile) : throw new UsageException($"--key: file not found: {keyFile}");
        var named = db is not null || keysFolder is not null || Environment.GetEnvironmentVariable("XINYONG_DB") is not null;
        db ??= Environment.GetEnvironmentVariable("XINYONG_DB") ?? Path.Combine("data", "xinyong.db");
        var secrets = PlatformServices.SecretsOf(new PlatformOptions { Db = db, KeysDirectory = keysFolder });
        var path = secrets.PathOf(ReportServices.KeyFile);
        if (!File.Exists(path))
            return named ? throw new UsageException($"no report signing key at {path}: give --key with the platform's public key") : null;
        using var signing = ReportSigningKey.Load(path);
        return signing.PublicKeyPem;
    }
}
