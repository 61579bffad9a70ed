using Microsoft.Extensions.DependencyInjection.Extensions;
using Xinyong.Application.Platform;
using Xinyong.Application.Publication;
using Xinyong.Reports;
using Xinyong.Storage.Reports;

namespace Xinyong.Application.Reports;

/// <summary>Registers the credit report services: signing key, address, builder, issuer, register and checker.</summary>
public static class ReportServices
{
    /// <summary>The signing key's file name in the secrets folder.</summary>
    public const string KeyFile = "report-signing.pem";

    /// <summary>
    /// Registers the report services over the core services. The signing key is the PEM file <see cref="KeyFile"/> in
    /// the secrets folder, generated when first needed (the web host asks for it at start).
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection s, PlatformOptions o)
    {
        var path = PlatformServices.SecretsOf(o).PathOf(KeyFile);
        s.AddSingleton(_ => ReportSigningKey.LoadOrCreate(path));
        s.AddSingleton<PlatformAddress>();
        s.TryAddSingleton<SubjectViews>();
        s.AddSingleton<ReportRegistry>();
        s.AddSingleton<ReportBuilder>();
        s.AddSingleton<ReportIssuer>();
        s.AddSingleton<ReportChecker>();
        return s;
    }
}

/// <summary>
/// The platform's public base address, as printed in reports (the QR code's verification address, the public key's
/// address): <see cref="PlatformOptions.PublicUrl"/>; else <c>http://{Host}:{Port}</c>; else, when the port is chosen
/// by the system (0), the address the server actually listens on, known once it has started.
/// </summary>
public sealed class PlatformAddress(PlatformOptions o, IServiceProvider services)
{
    /// <summary>Where the report signing public key is published, relative to the base address.</summary>
    public const string PublicKeyPath = "/.well-known/xinyong-report-key";

    private string? resolved;

    /// <summary>The base address without a trailing slash, e.g. <c>https://xinyong.hlj.gov.cn</c>.</summary>
    public string BaseUrl => resolved ?? (Resolve() is { } url ? resolved = url : $"http://{o.Host}:{o.Port}");

    /// <summary>Where a report is verified online: the content of its QR code.</summary>
    public string VerifyUrl(string reportNo) => $"{BaseUrl}/verify/{reportNo}";

    /// <summary>Where the report signing public key is published.</summary>
    public string PublicKeyUrl => $"{BaseUrl}{PublicKeyPath}";

    private string? Resolve()
    {
        if (!string.IsNullOrWhiteSpace(o.PublicUrl)) return o.PublicUrl.Trim().TrimEnd('/');
        if (o.Port != 0) return $"http://{o.Host}:{o.Port}";
        // Port 0: only the running server knows its port. Until it has started there is nothing to cache.
        var listening = services.GetService<ListeningAddress>()?.Current();
        return listening?.TrimEnd('/');
    }
}

/// <summary>The address a running server listens on, given by the web host (none when no server runs, as in the command line).</summary>
public sealed class ListeningAddress(Func<string?> current)
{
    /// <summary>The first address the server listens on, or null before it has started.</summary>
    public string? Current() => current();
}
