namespace OpenProject.Storages.WorkPackages;

/// <summary>Why a draft cannot be created as it is.</summary>
/// <param name="Property">The property at fault, as OpenProject names it: <c>subject</c>, <c>type</c>, <c>status</c>, <c>assignee</c> or <c>project</c>.</param>
/// <param name="Message">A sentence for the user, such as "Subject can't be blank."</param>
public sealed record WorkPackageValidationError(string Property, string Message);
