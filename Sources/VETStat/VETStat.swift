// The public face of the library: `import VETStat` brings every module.
@_exported import DataTable
@_exported import Disclosure
@_exported import Distributions
@_exported import Formula
@_exported import Inference
@_exported import LinearAlgebra
@_exported import Models
@_exported import Optimization
@_exported import Plotting
@_exported import Simulation
@_exported import Studies
