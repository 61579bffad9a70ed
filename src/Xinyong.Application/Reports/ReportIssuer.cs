using System.Security.Cryptography;
using Xinyong.Reports;
using Xinyong.Storage.Reports;
using Xinyong.Storage.Subjects;

namespace Xinyong.Application.Reports;

/// <summary>An issued report: its register entry and the signed PDF file.</summary>
/// <param name="Record">What the register keeps of it.</param>
/// <param name="Pdf">The signed file's bytes (not stored by the platform).</param>
public sealed record IssuedReportFile(IssuedReport Record, byte[] Pdf);

/// <summary>
/// Issues credit reports: numbers the report, builds it as of now, renders and signs it with the platform key, and
/// records it in the register with the SHA-256 of the signed bytes. The web endpoints and the CLI issue through here.
/// </summary>
public sealed class ReportIssuer(ReportBuilder builder, ReportRegistry registry, ReportSigningKey key, PlatformAddress address, TimeProvider clock)
{
    /// <summary>Issues the report of <paramref name="subject"/> in <paramref name="version"/> (<see cref="ReportVersions"/>).</summary>
    /// <param name="subject">Whom it is about.</param>
    /// <param name="version">public or full.</param>
    /// <param name="issuedTo">Who asked: public, subject:&lt;ref&gt; or operator.</param>
    /// <param name="channel">How: web, self or cli.</param>
    public IssuedReportFile Issue(SubjectRow subject, string version, string issuedTo, string channel)
    {
        // Whole seconds: the moment is printed to the minute and kept the same in both stores.
        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var number = ReportNumber.New(now);
        var model = builder.Build(subject, version, new ReportStamp(number, now, address.VerifyUrl(number), address.PublicKeyUrl, key.KeyId));
        var pdf = ReportSigner.Sign(CreditReportRenderer.Render(model), number, key);
        var record = new IssuedReport(
            number, subject.Id, subject.Ref, subject.Kind, model.Subject.Name, model.Subject.Code, version, now,
            Convert.ToHexStringLower(SHA256.HashData(pdf)), key.KeyId,
            model.Sections.Select(s => new SectionCount(s.Title, s.Entries.Count)).ToList(), now, issuedTo, channel);
        registry.Record(record);
        return new IssuedReportFile(record, pdf);
    }
}
