namespace Xinyong.Web.Api;

/// <summary>How an endpoint declares a success body that is not JSON, so the OpenAPI document still says what it answers.</summary>
public static class ProducesExtensions
{
    /// <summary>The endpoint answers a file download (an attachment, an export) of <paramref name="contentType"/>.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder b, string contentType = "application/octet-stream") =>
        b.Produces<Stream>(StatusCodes.Status200OK, contentType);

    /// <summary>The endpoint answers 204 No Content on success.</summary>
    public static RouteHandlerBuilder ProducesNothing(this RouteHandlerBuilder b) => b.Produces(StatusCodes.Status204NoContent);
}
