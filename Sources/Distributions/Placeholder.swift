public enum DistributionsModule {}
