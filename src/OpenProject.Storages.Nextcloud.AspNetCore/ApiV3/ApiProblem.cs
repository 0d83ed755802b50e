using Microsoft.AspNetCore.Http;
namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>
/// A request the API refuses, with OpenProject's error body: thrown by the parsing and lookup helpers and turned
/// into the answer by <see cref="ApiV3Filter"/>, so each endpoint reads as its happy path.
/// </summary>
internal sealed class ApiProblem(int status, string errorKind, string message, string? attribute = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>The last part of OpenProject's <c>urn:openproject-org:api:v3:errors:</c> identifier.</summary>
    public string ErrorKind { get; } = errorKind;

    /// <summary>The property at fault, for <c>PropertyConstraintViolation</c>.</summary>
    public string? Attribute { get; } = attribute;

    public static ApiProblem InvalidQuery(string message) => new(StatusCodes.Status400BadRequest, "InvalidQuery", message);

    public static ApiProblem NotFound() => new(StatusCodes.Status404NotFound, "NotFound", "The requested resource could not be found.");

    public static ApiProblem InvalidBody(string message) => new(StatusCodes.Status400BadRequest, "InvalidRequestBody", message);
}
