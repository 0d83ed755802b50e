using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OpenProject.Storages.Nextcloud.DependencyInjection;

/// <summary>
/// Fails the named options when their configuration section has a key that names no option, so a misspelt
/// <c>BaseAdress</c> stops the start-up with its name instead of leaving the storage unconfigured. The binder's
/// own <c>ErrorOnUnknownConfiguration</c> cannot be used: the section also holds subsections of other options.
/// </summary>
internal sealed class ConfigurationKeysValidator<
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(
    string name, IConfiguration section, params string[] subsections) : IValidateOptions<TOptions>
    where TOptions : class
{
    private static readonly HashSet<string> Properties =
        new(typeof(TOptions).GetProperties().Select(property => property.Name), StringComparer.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? optionsName, TOptions options)
    {
        if (!string.Equals(optionsName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        // Read on each validation: a reloaded source may add a key. Only names, never values, reach the message.
        var unknown = section.GetChildren()
            .Select(child => child.Key)
            .Where(key => !Properties.Contains(key) && !subsections.Contains(key, StringComparer.OrdinalIgnoreCase))
            .ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"The configuration of storage '{name}' has {(unknown.Count == 1 ? "a key that names" : "keys that name")} no option of {typeof(TOptions).Name}: " +
                $"{string.Join(", ", unknown.Select(key => $"'{key}'"))}. The keys are the option names ({string.Join(", ", Properties.Order(StringComparer.Ordinal))}){(subsections.Length > 0 ? $" and the subsection(s) {string.Join(", ", subsections)}" : "")}.");
    }
}
