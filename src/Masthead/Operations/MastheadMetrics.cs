namespace Masthead.Operations;

/// <summary>The meter every Masthead instrument belongs to; README "Running several servers" lists them.</summary>
public static class MastheadMetrics
{
    public const string MeterName = "Masthead";
}
