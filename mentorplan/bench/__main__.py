from mentorplan.bench.run import main

main()
