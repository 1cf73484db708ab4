from bench.interviews import main

raise SystemExit(main())
