using System.Text.Json;
using Xinyong.Collection;

namespace Xinyong.Web.Api;

/// <summary>Errors as <c>application/problem+json</c> (RFC 9457) for what is refused before or outside a <see cref="Refusal"/>
/// (authentication, limits, a form read by hand): the same Chinese titles as <see cref="RefusalHandler.TitleOf"/>, one map.</summary>
public static class Problems
{
    /// <summary>A problem result.</summary>
    public static IResult Of(int status, string title, string detail, object? errors = null) =>
        Results.Problem(detail: detail, title: title, statusCode: status,
            extensions: errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>400 with per-field errors.</summary>
    public static IResult Invalid(string detail, IEnumerable<FieldError> errors) =>
        Of(StatusCodes.Status400BadRequest, RefusalHandler.TitleOf(RefusalKind.Invalid), detail, errors.ToList());

    /// <summary>400 with a message.</summary>
    public static IResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, RefusalHandler.TitleOf(RefusalKind.Invalid), detail);

    /// <summary>404.</summary>
    public static IResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, RefusalHandler.TitleOf(RefusalKind.NotFound), detail);

    /// <summary>403.</summary>
    public static IResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, RefusalHandler.TitleOf(RefusalKind.Forbidden), detail);

    /// <summary>409.</summary>
    public static IResult Conflict(string detail) => Of(StatusCodes.Status409Conflict, RefusalHandler.TitleOf(RefusalKind.Conflict), detail);


    /// <summary>Writes a problem directly (outside endpoint results, e.g. from authentication).</summary>
    public static Task Write(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/problem+json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { type = $"https://httpstatuses.io/{status}", title, status, detail }, ApiJson.Options));
    }
}
