namespace Polytopes.Enumeration.Regions;

/// <summary>A pattern first met in a level's expansion: the facet crossing and region that met it first in search
/// order (<see cref="Order"/>: the region's place in its level, then the facet's in the region) and its number in
/// the visited set. Every crossing that meets the pattern points here.</summary>
internal sealed class Candidate
{
    public ActivationPattern Pattern = null!;
    public RegionWork Parent = null!;
    /// <summary>The facet of <see cref="Parent"/> through which the pattern was met first.</summary>
    public int Facet;
    public long Order;
    /// <summary>The candidate's number in the visited set (<see cref="VisitedPatterns"/>): its level's first number
    /// plus its place among the level's candidates, set when it is tested. The region found, if any, gets its id
    /// by this number.</summary>
    public int Number = -1;

    /// <summary>The crossing of <see cref="Facet"/> of <see cref="Parent"/>.</summary>
    public ref FacetCrossing Crossing => ref Parent.Crossing(Facet);
}
