using System.Globalization;
using System.Xml.Linq;

namespace OpenProject.Storages.Benchmarks.Nextcloud;

/// <summary>
/// The approach of the common .NET WebDAV clients, for comparison: load the whole body into an
/// <see cref="XDocument"/>, then walk responses and 200 propstats into a property dictionary.
/// </summary>
public static class XDocumentMultiStatusParser
{
    private static readonly XNamespace Dav = "DAV:";

    public sealed record Resource(string Href, IReadOnlyDictionary<string, string> Properties, bool IsCollection);

    public static List<Resource> Parse(Stream body)
    {
        var document = XDocument.Load(body);
        var result = new List<Resource>();
        foreach (var response in document.Root!.Elements(Dav + "response"))
        {
            var href = Uri.UnescapeDataString(response.Element(Dav + "href")?.Value ?? string.Empty);
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            var collection = false;
            foreach (var propstat in response.Elements(Dav + "propstat"))
            {
                var status = propstat.Element(Dav + "status")?.Value ?? string.Empty;
                if (!status.Contains(" 200 ", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var prop in propstat.Element(Dav + "prop")?.Elements() ?? [])
                {
                    if (prop.Name == Dav + "resourcetype")
                    {
                        collection = prop.Element(Dav + "collection") is not null;
                    }

                    properties[prop.Name.LocalName] = prop.Value;
                }
            }

            if (properties.TryGetValue("getlastmodified", out var modified))
            {
                _ = DateTimeOffset.ParseExact(modified, "r", CultureInfo.InvariantCulture);
            }

            result.Add(new Resource(href, properties, collection));
        }

        return result;
    }
}
