namespace OpenProject.Storages.Testing;

/// <summary>A conformance case found the storage behaving differently from the contract.</summary>
public sealed class ConformanceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConformanceException()
        : this("The storage does not conform to the contract.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the storage did, and what the contract expects.</param>
    public ConformanceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the storage did, and what the contract expects.</param>
    /// <param name="innerException">The unexpected failure.</param>
    public ConformanceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
