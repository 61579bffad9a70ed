namespace Xinyong.Application.Platform;

/// <summary>A configuration value or file that cannot be used; the message names the setting.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
