SELECT 1,
  $x$ abc