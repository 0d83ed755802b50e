namespace OpenProject.Storages.Nextcloud.WebDav.Xml;

/// <summary>The namespaces the provider reads, resolved once per declaration rather than compared per element.</summary>
internal enum XmlNamespace : byte
{
    /// <summary>No namespace: an unprefixed name without a default namespace declaration.</summary>
    None,

    /// <summary><c>DAV:</c>.</summary>
    Dav,

    /// <summary><c>http://owncloud.org/ns</c>.</summary>
    OwnCloud,

    /// <summary><c>http://nextcloud.org/ns</c>.</summary>
    Nextcloud,

    /// <summary><c>http://sabredav.org/ns</c>.</summary>
    Sabre,

    /// <summary>Any other namespace.</summary>
    Other,
}
