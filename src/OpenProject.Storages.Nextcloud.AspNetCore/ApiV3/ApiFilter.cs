using System.Text.Json;

namespace OpenProject.Storages.Nextcloud.AspNetCore.ApiV3;

/// <summary>One condition of OpenProject's <c>filters</c> query parameter: <c>{"name":{"operator":"=","values":[…]}}</c>.</summary>
internal sealed record ApiFilter(string Name, string Operator, IReadOnlyList<string> Values)
{
    private const int MaxFilters = 20;
    private const int MaxValues = 1000;

    /// <summary>
    /// Parses the parameter: a JSON array of objects, each with one or more named conditions (the app puts
    /// <c>storageUrl</c> and <c>userAction</c> in one object). Only <paramref name="known"/> names are accepted.
    /// </summary>
    /// <exception cref="ApiProblem">400 <c>InvalidQuery</c> for malformed JSON or an unknown filter.</exception>
    public static IReadOnlyList<ApiFilter> Parse(string? raw, params string[] known)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return [];
        }

        var filters = new List<ApiFilter>();
        try
        {
            using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw ApiProblem.InvalidQuery("filters must be a JSON array of filter objects.");
            }

            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw ApiProblem.InvalidQuery("Each element of filters must be an object such as {\"id\":{\"operator\":\"=\",\"values\":[\"42\"]}}.");
                }

                foreach (var property in item.EnumerateObject())
                {
                    if (!known.Contains(property.Name, StringComparer.Ordinal))
                    {
                        throw ApiProblem.InvalidQuery($"Filter '{Shorten(property.Name)}' does not exist here; the known filters are {string.Join(", ", known)}.");
                    }

                    filters.Add(Condition(property));
                    if (filters.Count > MaxFilters)
                    {
                        throw ApiProblem.InvalidQuery($"At most {MaxFilters} filters are accepted.");
                    }
                }
            }
        }
        catch (JsonException)
        {
            throw ApiProblem.InvalidQuery("filters is not valid JSON.");
        }

        return filters;
    }

    /// <summary>Parses <c>sortBy</c>: <c>[["field","asc|desc"], …]</c> with known fields.</summary>
    /// <exception cref="ApiProblem">400 <c>InvalidQuery</c>.</exception>
    public static IReadOnlyList<(string Field, bool Descending)> ParseSort(string? raw, params string[] known)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return [];
        }

        var sort = new List<(string, bool)>();
        try
        {
            using var document = JsonDocument.Parse(raw, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw ApiProblem.InvalidQuery("sortBy must be a JSON array of [field, direction] pairs.");
            }

            foreach (var pair in document.RootElement.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                    || pair[0].ValueKind != JsonValueKind.String || pair[1].GetString() is not ("asc" or "desc"))
                {
                    throw ApiProblem.InvalidQuery("Each element of sortBy must be [field, \"asc\" or \"desc\"].");
                }

                var field = pair[0].GetString()!;
                if (!known.Contains(field, StringComparer.Ordinal))
                {
                    throw ApiProblem.InvalidQuery($"Work packages cannot be sorted by '{Shorten(field)}'; use one of {string.Join(", ", known)}.");
                }

                sort.Add((field, pair[1].GetString() == "desc"));
            }
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            throw ApiProblem.InvalidQuery("sortBy is not valid JSON.");
        }

        return sort;
    }

    private static ApiFilter Condition(JsonProperty property)
    {
        var condition = property.Value;
        if (condition.ValueKind != JsonValueKind.Object
            || !condition.TryGetProperty("operator", out var op) || op.ValueKind != JsonValueKind.String
            || !condition.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            throw ApiProblem.InvalidQuery($"Filter '{property.Name}' needs an operator and an array of values.");
        }

        if (values.GetArrayLength() > MaxValues)
        {
            throw ApiProblem.InvalidQuery($"Filter '{property.Name}' has more than {MaxValues} values.");
        }

        var texts = values.EnumerateArray().Select(value => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw ApiProblem.InvalidQuery($"The values of filter '{property.Name}' must be strings or numbers."),
        }).ToList();
        return new ApiFilter(property.Name, op.GetString()!, texts);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
