def test_debug(phone):
    phone.goto("/")
    print("MQ", phone.evaluate("[matchMedia('(hover: none)').matches, matchMedia('(pointer: coarse)').matches, matchMedia('(any-pointer: fine)').matches, matchMedia('(any-hover: hover)').matches]"))
