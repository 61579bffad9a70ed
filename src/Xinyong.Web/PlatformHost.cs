using Microsoft.AspNetCore.Diagnostics;
using Xinyong.Storage;
using Xinyong.Web.Features.Collection;
using Xinyong.Web.Features.Lists;
using Xinyong.Web.Features.Reports;

namespace Xinyong.Web;

/// <summary>
/// Builds a platform instance: the portal and the API on one Kestrel server, over SQLite or PostgreSQL. The store is
/// migrated on start, and an empty store gets the sample data unless <see cref="PlatformOptions.Sample"/> is off.
/// </summary>
public static class PlatformHost
{
    /// <summary>Builds (but does not start) the web application.</summary>
    public static WebApplication Build(PlatformOptions o)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(PlatformHost).Assembly.GetName().Name });
        builder.AddOperations(o);   // addresses, logs, metrics and traces, job supervisor (Platform/Operations.cs)
        builder.AddLimits(o);       // body limits, forwarded headers, throttles (Platform/Limits.cs)

        var s = builder.Services;
        s.AddPlatformCore(o);
        s.AddQueryFeature(o);
        s.AddReports(o);
        s.AddSingleton(sp => new ListeningAddress(() => sp.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault()));
        s.AddCases();
        s.AddListsWeb();
        Features.Evaluation.EvaluationFeature.AddEvaluation(s);
        Features.Inspections.InspectionEndpoints.AddInspections(s);
        Features.Commitments.CommitmentsFeature.AddCommitments(s);
        Features.Supervision.SupervisionEndpoints.AddSupervision(s);
        Features.Complaints.ComplaintEndpoints.AddComplaints(s);   // complaints against information collectors (issue 15)
        Features.Reorganisations.ReorganisationEndpoints.AddReorganisations(s);   // bankruptcy reorganisation (issue 15)
        s.AddHostedService<Features.Audit.AuditCheckpointService>();
        Features.Collection.WebImports.Add(s);   // uploads processed in the background with live progress (issue 18 item 4)
        Features.Network.NetworkFeature.AddNetwork(s, o);
        Features.Portal.PortalFeature.AddPortal(s, o);
        Features.SignIn.SignInFeature.AddSignIn(s, o);   // password + TOTP sign-in, self-registration, session lifetime (issue 18)
        s.ConfigureHttpJsonOptions(j => ApiJson.Configure(j.SerializerOptions));
        s.AddProblemDetails(p => p.CustomizeProblemDetails = FrameworkProblems.Customize);   // the framework's own problems in Chinese
        s.AddExceptionHandler<RefusalHandler>();   // refusals → problem+json (API) or the Chinese error page (portal)
        // Pages carry Chinese as text, not as numeric character references.
        s.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(e => e.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        s.AddOpenApi(a => a.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info = new() { Title = "Xinyong 信用平台 API", Version = "v1", Description = "黑龙江省公共信用信息平台 API (Xinyong)" };
            return Task.CompletedTask;
        }));
        s.AddPlatformAuthentication(PlatformServices.SecretsOf(o));
        // The generic case page is every account's: a unit asked to help verify an objection reads it (its access rule and the
        // kind's rules decide, and it sends anyone not signed in to sign in); the old case addresses only redirect to it.
        s.AddRazorPages(r => r.Conventions.AuthorizeFolder("/Staff", Policies.Staff)
            .AllowAnonymousToPage("/Staff/Cases/Show").AllowAnonymousToPage("/Staff/Objections/Show").AllowAnonymousToPage("/Staff/Repairs/Show"))
            .AddApplicationPart(typeof(PlatformHost).Assembly);

        var app = builder.Build();
        Startup.Prepare(app.Services, o);
        app.Services.GetRequiredService<Xinyong.Reports.ReportSigningKey>();   // the report signing key exists from the first start

        app.UseLimits();
        app.UseOperations(o);   // metrics port, /healthz, /readyz
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error" });
        app.UseStatusCodePages(StatusPage);   // a bodiless error status: problem+json for the API, a Chinese page for the portal
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAccessRules();
        app.UseRateLimiter();

        app.MapOpenApi("/openapi/{documentName}.json").RequireRule(AccessRules.Public);
        StaticFiles.Map(app);
        CollectionEndpoints.Map(app);
        ProviderQualityEndpoints.Map(app);
        SubjectEndpoints.Map(app);
        ReportEndpoints.Map(app);
        app.MapCases();
        Features.Audit.AuditEndpoints.Map(app);
        Features.Audit.AuditCheckpointEndpoints.Map(app);
        QueryEndpoints.Map(app);
        ListsFeature.Map(app);
        Features.Evaluation.EvaluationFeature.Map(app);
        Features.Inspections.InspectionEndpoints.Map(app);
        Features.Network.NetworkFeature.Map(app);
        Features.Commitments.CommitmentsFeature.Map(app);
        Features.Supervision.SupervisionEndpoints.Map(app);
        Features.Portal.ProviderBatches.Map(app);
        Features.Complaints.ComplaintEndpoints.Map(app);
        Features.Reorganisations.ReorganisationEndpoints.Map(app);
        Features.Emergencies.EmergencyEndpoints.Map(app);   // emergencies, Art. 30 (3), (4) (issue 15)
        app.MapRazorPages();
        return app;
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    private static async Task StatusPage(StatusCodeContext ctx)
    {
        var http = ctx.HttpContext;
        var status = http.Response.StatusCode;
        if (IsApi(http))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status } });
            return;
        }
        var (title, message) = Pages.ErrorModel.Describe(status);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{title}</title><link rel=\"stylesheet\" href=\"/static/site.css\"></head><body><main><h1>{title}</h1><p class=\"error\">{message}</p>" +
            "<p><a href=\"/\">返回首页</a></p></main></body></html>");
    }
}
