namespace Polytopes.Enumeration.Regions;

/// <summary>A pattern first met in a level's expansion: the facet crossing and region that met it first in search
/// order (<see cref="Order"/>: the region's place in its level, then the facet's in the region) and its index among
/// the level's candidates. Every crossing that meets the pattern points here.</summary>
internal sealed class Candidate
{
    public ActivationPattern Pattern = null!;
    public FacetCrossing Crossing = null!;
    public RegionWork Parent = null!;
    public long Order;
    public int Index;
    /// <summary>The id of the region found, once the level's candidates are tested and numbered (−1: none, the
    /// pattern has no interior).</summary>
    public int Id = -1;
}
